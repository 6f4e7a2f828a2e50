import {
  bigintCodec,
  booleanCodec,
  datetimeCodec,
  decimalCodec,
  jsonCodec,
  plainCodec,
  type ColumnCodec,
} from './column-codec.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { SqlText } from './sql-text.js';
import { columnsOf, splitTableName, type TableColumns } from './table-columns.js';

const asText = (column: string) => `CAST(${column} AS TEXT)`;
const BIG = /^-?\d+$/;

/**
 * better-sqlite3 (as Kysely's SqliteDialect uses it, without safeIntegers) hands back an integer
 * past 2^53 as a rounded number. Such integers are read as their digits instead, and refused:
 * a column that holds them is declared BIGINT, whose values read back as bigints.
 */
const integer: ColumnCodec = {
  kind: 'integer',
  read: (c) =>
    `CASE WHEN typeof(${c}) = 'integer' AND ${c} NOT BETWEEN -9007199254740991 AND 9007199254740991 THEN CAST(${c} AS TEXT) ELSE ${c} END`,
  encode: plainCodec('integer', bindable).encode,
  decode(value, where) {
    if (typeof value === 'string' && BIG.test(value)) {
      throw new KyselyAdapterError(
        `${where} holds ${value}, an integer no JavaScript number holds exactly (past 2^53); declare the column BIGINT to read its values as bigints`,
      );
    }
    return value;
  },
};

/** better-sqlite3 binds no booleans: they belong in BOOLEAN columns. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') {
    throw new KyselyAdapterError(
      `a boolean needs a column declared BOOLEAN on SQLite (it would read back as 1 / 0)`,
    );
  }
  return value;
}

function codecFor(declared: string): ColumnCodec {
  const type = declared
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*$/, '');
  if (type === 'BOOLEAN' || type === 'BOOL') return booleanCodec(false);
  if (type === 'BIGINT') return bigintCodec(asText, (value) => value);
  if (type === 'JSON' || type === 'JSONB') return jsonCodec((c) => c);
  if (type === 'DATETIME' || type === 'TIMESTAMP' || type === 'DATE') {
    return datetimeCodec((date) => date.toISOString(), true);
  }
  if (type === 'DECIMAL' || type === 'NUMERIC') return decimalCodec(asText);
  if (type.includes('INT')) return integer;
  return plainCodec(type === '' ? 'untyped' : type.toLowerCase(), bindable);
}

interface SqliteColumnRow {
  name: string;
  type: string;
  pk: number;
}

export async function sqliteColumns(
  runner: QueryRunner,
  _text: SqlText,
  table: string,
): Promise<TableColumns> {
  const { schema, name } = splitTableName(table);
  const { rows } = await execute<SqliteColumnRow>(
    runner,
    schema === undefined
      ? 'SELECT name, type, pk FROM pragma_table_info(?)'
      : 'SELECT name, type, pk FROM pragma_table_info(?, ?)',
    schema === undefined ? [name] : [name, schema],
  );
  return columnsOf(
    rows.map((row) => ({
      name: row.name,
      codec: codecFor(row.type),
      primaryKey: row.pk > 0,
      autoIncrement: false,
    })),
  );
}
