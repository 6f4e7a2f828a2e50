import {
  bigintCodec,
  booleanCodec,
  datetimeCodec,
  decimalCodec,
  driverCodec,
  jsonCodec,
  plainCodec,
  type ColumnCodec,
} from './column-codec.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { SqlText } from './sql-text.js';
import { columnsOf, splitTableName, type TableColumns } from './table-columns.js';

const asText = (column: string) => `CAST(${column} AS CHAR)`;
const json = jsonCodec(asText);
const integer = plainCodec('integer');
const text = plainCodec('text');

const CODECS: Readonly<Record<string, ColumnCodec>> = {
  tinyint: integer,
  smallint: integer,
  mediumint: integer,
  int: integer,
  integer,
  year: integer,
  // mysql2 binds a bigint as an integer literal: exact, and compared as an integer.
  bigint: bigintCodec(asText, (value) => value),
  decimal: decimalCodec(asText),
  numeric: decimalCodec(asText),
  float: plainCodec('real'),
  double: plainCodec('real'),
  // mysql2 writes and parses Dates in its `timezone` (default: this process's).
  datetime: datetimeCodec((date) => date, false),
  timestamp: datetimeCodec((date) => date, false),
  date: datetimeCodec((date) => date, false),
  json,
  char: text,
  varchar: text,
  tinytext: text,
  text,
  mediumtext: text,
  longtext: text,
  enum: text,
  set: text,
  binary: plainCodec('bytes'),
  varbinary: plainCodec('bytes'),
  tinyblob: plainCodec('bytes'),
  blob: plainCodec('bytes'),
  mediumblob: plainCodec('bytes'),
  longblob: plainCodec('bytes'),
};

interface MysqlColumnRow {
  name: string;
  type: string;
  columnType: string;
  columnKey: string;
  extra: string;
}

/**
 * MariaDB's JSON is LONGTEXT with a `json_valid(column)` CHECK constraint; MySQL's has its own
 * type (and no TABLE_NAME in CHECK_CONSTRAINTS, hence the fallback to none).
 */
async function jsonCheckedColumns(
  runner: QueryRunner,
  schema: string | undefined,
  table: string,
): Promise<Set<string>> {
  try {
    const { rows } = await execute<{ clause: string }>(
      runner,
      `SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?`,
      [schema ?? null, table],
    );
    const checked = rows.map((row) => /^json_valid\(`(.+)`\)$/i.exec(row.clause.trim())?.[1]);
    return new Set(
      checked.filter((name) => name !== undefined).map((n) => n.replaceAll('``', '`')),
    );
  } catch {
    return new Set();
  }
}

function codecFor(row: MysqlColumnRow, jsonChecked: Set<string>): ColumnCodec {
  const type = row.type.toLowerCase();
  if (type === 'tinyint' && /^tinyint\(1\)/i.test(row.columnType)) return booleanCodec(false);
  if (jsonChecked.has(row.name)) return json;
  return Object.hasOwn(CODECS, type) ? CODECS[type]! : driverCodec;
}

export async function mysqlColumns(
  runner: QueryRunner,
  _text: SqlText,
  table: string,
): Promise<TableColumns> {
  const { schema, name } = splitTableName(table);
  const { rows } = await execute<MysqlColumnRow>(
    runner,
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS type, COLUMN_TYPE AS columnType,
  COLUMN_KEY AS columnKey, EXTRA AS extra
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
ORDER BY ORDINAL_POSITION`,
    [schema ?? null, name],
  );
  const longtext = rows.some((row) => row.type.toLowerCase() === 'longtext');
  const jsonChecked = longtext ? await jsonCheckedColumns(runner, schema, name) : new Set<string>();
  return columnsOf(
    rows.map((row) => ({
      name: row.name,
      codec: codecFor(row, jsonChecked),
      primaryKey: row.columnKey === 'PRI',
      autoIncrement: /auto_increment/i.test(row.extra),
    })),
  );
}
