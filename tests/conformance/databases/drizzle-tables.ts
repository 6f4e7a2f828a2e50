// The contract tables as Drizzle table objects, built from the same columns as the SQL DDL
// (contract-schema.ts), with Drizzle's own column types for each kind's JS value.
import {
  bigint,
  boolean,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  type PgColumnBuilderBase,
  type PgTable,
} from 'drizzle-orm/pg-core';
import {
  blob,
  integer as sqliteInteger,
  sqliteTable,
  text as sqliteText,
  type SQLiteColumnBuilderBase,
  type SQLiteTable,
} from 'drizzle-orm/sqlite-core';
import {
  CONTRACT_COLUMNS,
  CONTRACT_TABLES,
  type ColumnKind,
  type ColumnSpec,
  type ContractModel,
} from '../../runtime/contract/support/contract-schema.js';

interface Chainable<B> {
  primaryKey(): B;
  notNull(): B;
  default(value: number): B;
}

function finish<B extends Chainable<B>>(builder: B, spec: ColumnSpec): B {
  if (spec.kind === 'key') return builder.primaryKey();
  let column = spec.nullable ? builder : builder.notNull();
  if (spec.default !== undefined) column = column.default(spec.default);
  return column;
}

const PG: Readonly<Record<ColumnKind, (name: string) => PgColumnBuilderBase>> = {
  key: (name) => text(name),
  text: (name) => text(name),
  int: (name) => integer(name),
  bigint: (name) => bigint(name, { mode: 'bigint' }),
  decimal: (name) => numeric(name, { precision: 12, scale: 2 }),
  bool: (name) => boolean(name),
  timestamp: (name) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' }),
  json: (name) => jsonb(name),
};

// SQLite has no bigint, boolean, date or JSON of its own: Drizzle stores a bigint as the bytes of
// its digits, a boolean as 0/1, a Date as milliseconds and JSON as text.
const SQLITE: Readonly<Record<ColumnKind, (name: string) => SQLiteColumnBuilderBase>> = {
  key: (name) => sqliteText(name),
  text: (name) => sqliteText(name),
  int: (name) => sqliteInteger(name),
  bigint: (name) => blob(name, { mode: 'bigint' }),
  decimal: (name) => sqliteText(name),
  bool: (name) => sqliteInteger(name, { mode: 'boolean' }),
  timestamp: (name) => sqliteInteger(name, { mode: 'timestamp_ms' }),
  json: (name) => sqliteText(name, { mode: 'json' }),
};

function columnsOf<B>(model: ContractModel, make: Readonly<Record<ColumnKind, (n: string) => B>>) {
  return Object.fromEntries(
    Object.entries(CONTRACT_COLUMNS[model]).map(([name, spec]) => [
      name,
      finish(make[spec.kind](name) as unknown as Chainable<never>, spec) as B,
    ]),
  );
}

const models = Object.keys(CONTRACT_TABLES) as ContractModel[];

export const PG_TABLES: Readonly<Record<ContractModel, PgTable>> = Object.fromEntries(
  models.map((model) => [model, pgTable(CONTRACT_TABLES[model], columnsOf(model, PG))]),
) as unknown as Record<ContractModel, PgTable>;

export const SQLITE_TABLES: Readonly<Record<ContractModel, SQLiteTable>> = Object.fromEntries(
  models.map((model) => [model, sqliteTable(CONTRACT_TABLES[model], columnsOf(model, SQLITE))]),
) as unknown as Record<ContractModel, SQLiteTable>;
