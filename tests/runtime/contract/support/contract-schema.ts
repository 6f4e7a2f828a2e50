/**
 * The tables of the contract and conformance tests, written once as columns of a few kinds and
 * turned into each SQL dialect's DDL (and into Drizzle tables, tests/conformance/databases/
 * drizzle-tables.ts). What each kind reads back as in JavaScript, on every adapter:
 *
 * | kind        | JS value           | PostgreSQL    | MySQL/MariaDB | SQLite                  |
 * | ----------- | ------------------ | ------------- | ------------- | ----------------------- |
 * | `key`, text | string             | TEXT          | VARCHAR/TEXT  | TEXT                    |
 * | `int`       | number             | INTEGER       | INT           | INTEGER                 |
 * | `bigint`    | bigint             | BIGINT        | BIGINT        | BIGINT                  |
 * | `decimal`   | string (exact)     | NUMERIC(12,2) | DECIMAL(12,2) | TEXT (SQLite has none)  |
 * | `bool`      | boolean            | BOOLEAN       | BOOLEAN       | BOOLEAN                 |
 * | `timestamp` | Date               | TIMESTAMPTZ(3)| DATETIME(3)   | DATETIME                |
 * | `json`      | parsed JSON value  | JSONB         | JSON          | JSON                    |
 */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

export type ColumnKind =
  'key' | 'text' | 'int' | 'bigint' | 'decimal' | 'bool' | 'timestamp' | 'json';

export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly nullable?: boolean;
  /** A DEFAULT for an integer column. */
  readonly default?: number;
}

const key: ColumnSpec = { kind: 'key' };
const text: ColumnSpec = { kind: 'text' };
const int: ColumnSpec = { kind: 'int' };
const nullable = (kind: ColumnKind): ColumnSpec => ({ kind, nullable: true });

export const CONTRACT_TABLES = {
  Job: 'jobs',
  Counter: 'counters',
  Invoice: 'invoices',
  Payment: 'payments',
  AuditEntry: 'audit_entries',
  Item: 'items',
  Sample: 'samples',
} as const;

export type ContractModel = keyof typeof CONTRACT_TABLES;

/** Each model's columns, its identifier first. */
export const CONTRACT_COLUMNS: Readonly<
  Record<ContractModel, Readonly<Record<string, ColumnSpec>>>
> = {
  Job: { jobId: key, status: text },
  Counter: {
    counterId: key,
    phase: text,
    count: int,
    version: nullable('int'),
    meta: nullable('json'),
  },
  Invoice: { invoiceId: key, status: text, total: { kind: 'int', default: 0 }, version: int },
  Payment: { paymentId: key, invoiceId: text, state: text, amount: { kind: 'int', default: 0 } },
  AuditEntry: { auditId: key, text },
  Item: { itemId: key, kind: text, label: nullable('text'), qty: { kind: 'int', default: 0 } },
  Sample: {
    sampleId: key,
    i: nullable('int'),
    big: nullable('bigint'),
    dec: nullable('decimal'),
    flag: nullable('bool'),
    at: nullable('timestamp'),
    obj: nullable('json'),
    arr: nullable('json'),
    txt: nullable('text'),
  },
};

/** Each model's identifier field. */
export const IDENTIFIERS = Object.fromEntries(
  Object.entries(CONTRACT_COLUMNS).map(([model, columns]) => [model, Object.keys(columns)[0]]),
) as Readonly<Record<ContractModel, string>>;

const TYPES: Readonly<Record<SqlDialect, Readonly<Record<ColumnKind, string>>>> = {
  postgres: {
    key: 'TEXT PRIMARY KEY',
    text: 'TEXT',
    int: 'INTEGER',
    bigint: 'BIGINT',
    decimal: 'NUMERIC(12,2)',
    bool: 'BOOLEAN',
    timestamp: 'TIMESTAMPTZ(3)',
    json: 'JSONB',
  },
  mysql: {
    key: 'VARCHAR(255) PRIMARY KEY',
    text: 'VARCHAR(191)',
    int: 'INT',
    bigint: 'BIGINT',
    decimal: 'DECIMAL(12,2)',
    bool: 'BOOLEAN',
    timestamp: 'DATETIME(3)',
    json: 'JSON',
  },
  sqlite: {
    key: 'TEXT PRIMARY KEY',
    text: 'TEXT',
    int: 'INTEGER',
    bigint: 'BIGINT',
    decimal: 'TEXT',
    bool: 'BOOLEAN',
    timestamp: 'DATETIME',
    json: 'JSON',
  },
};

export const quoteName = (dialect: SqlDialect, name: string): string =>
  dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;

function columnSql(dialect: SqlDialect, name: string, spec: ColumnSpec): string {
  const notNull = spec.kind === 'key' || spec.nullable ? '' : ' NOT NULL';
  const fallback = spec.default === undefined ? '' : ` DEFAULT ${spec.default}`;
  return `${quoteName(dialect, name)} ${TYPES[dialect][spec.kind]}${notNull}${fallback}`;
}

/** One CREATE TABLE statement per model. */
export function contractSchemaStatements(dialect: SqlDialect): string[] {
  return (Object.keys(CONTRACT_TABLES) as ContractModel[]).map((model) => {
    const columns = Object.entries(CONTRACT_COLUMNS[model]).map(([name, spec]) =>
      columnSql(dialect, name, spec),
    );
    return `CREATE TABLE ${quoteName(dialect, CONTRACT_TABLES[model])} (\n  ${columns.join(',\n  ')}\n)`;
  });
}

/** The tables on a SQLite file, as one script. */
export const CONTRACT_SCHEMA_SQL = contractSchemaStatements('sqlite')
  .map((sql) => `${sql};`)
  .join('\n');
