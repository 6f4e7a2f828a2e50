import { codecFor, type ColumnCodec } from './column-codecs.js';
import type { PgResult } from './driver-types.js';
import { PgAdapterError } from './pg-adapter-error.js';
import { quoteTable, SqlStatement } from './sql-text.js';

/** A model's table as the adapter writes to it: its quoted name, column codecs, primary key. */
export interface TableSchema {
  readonly model: string;
  readonly table: string;
  readonly quoted: string;
  readonly columns: ReadonlyMap<string, ColumnCodec>;
  readonly primaryKey: readonly string[];
  /** A column's text depends on the settings the adapter pins (DateStyle, extra_float_digits). */
  readonly readsPinnedValues: boolean;
}

/** Types (base types of domains) whose text DateStyle or extra_float_digits shape. */
const SETTING_SHAPED = new Set(
  ['date', 'timestamp', 'timestamptz', 'float4', 'float8']
    .flatMap((type) => [type, `_${type}`])
    .concat([
      'daterange',
      'tsrange',
      'tstzrange',
      'datemultirange',
      'tsmultirange',
      'tstzmultirange',
    ]),
);

export type RunStatement = (statement: SqlStatement) => Promise<PgResult>;

const columnsQuery = (table: string) =>
  new SqlStatement()
    .text(
      `SELECT a.attname AS name, COALESCE(b.typname, t.typname) AS typname,
  COALESCE(b.typtype, t.typtype) = 'e' AS is_enum, format_type(a.atttypid, a.atttypmod) AS type,
  EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS is_primary
FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
WHERE a.attrelid = to_regclass(`,
    )
    .value(quoteTable(table))
    .text(') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum');

interface ColumnRow {
  readonly name: string;
  readonly typname: string;
  readonly is_enum: boolean;
  readonly type: string;
  readonly is_primary: boolean;
}

/**
 * Each table's columns, read from the catalog on first use (through the connection that needs
 * them, so its search_path and its transaction's own DDL count) and kept. A column not found is
 * looked up once more before it is reported, in case the table changed since.
 */
export class SchemaCache {
  readonly #tableFor: (model: string) => string;
  readonly #schemas = new Map<string, TableSchema>();

  constructor(tableFor: (model: string) => string) {
    this.#tableFor = tableFor;
  }

  /** The cached schema, or undefined if it must be read first. */
  cached(model: string): TableSchema | undefined {
    return this.#schemas.get(model);
  }

  async read(model: string, run: RunStatement): Promise<TableSchema> {
    const table = this.#tableFor(model);
    const rows = (await run(columnsQuery(table))).rows as unknown as ColumnRow[];
    if (rows.length === 0) {
      throw new PgAdapterError(
        `model ${model}: no table ${quoteTable(table)} found (on the connection's search_path); create it, or map the model to its table with the tables option`,
      );
    }
    const columns = new Map<string, ColumnCodec>();
    for (const row of rows) columns.set(row.name, codecFor(row.typname, row.is_enum, row.type));
    const primaryKey = rows.filter((row) => row.is_primary).map((row) => row.name);
    const readsPinnedValues = rows.some((row) => SETTING_SHAPED.has(row.typname));
    const schema = {
      model,
      table,
      quoted: quoteTable(table),
      columns,
      primaryKey,
      readsPinnedValues,
    };
    this.#schemas.set(model, schema);
    return schema;
  }

  /** Forgets a table (it was not found, or lacked a column) so the next use reads it again. */
  forget(model: string): void {
    this.#schemas.delete(model);
  }
}

/** The error for columns a table does not have. */
export function unknownColumns(schema: TableSchema, unknown: readonly string[]): PgAdapterError {
  const list = unknown.map((c) => `${schema.model}.${c}`).join(', ');
  return new PgAdapterError(
    `${list}: no such column in table ${schema.quoted} (columns: ${[...schema.columns.keys()].join(', ')})`,
  );
}
