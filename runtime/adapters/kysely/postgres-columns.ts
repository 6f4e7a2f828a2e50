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
import { columnsOf, type TableColumns } from './table-columns.js';

const asText = (column: string) => `${column}::text`;

const CODECS: Readonly<Record<string, ColumnCodec>> = {
  int2: plainCodec('integer'),
  int4: plainCodec('integer'),
  int8: bigintCodec(asText, String),
  numeric: decimalCodec(asText),
  float4: plainCodec('real'),
  float8: plainCodec('real'),
  bool: booleanCodec(true),
  // The driver writes and parses Dates (timestamp without zone in this process's time zone).
  timestamp: datetimeCodec((date) => date, false),
  timestamptz: datetimeCodec((date) => date, false),
  date: datetimeCodec((date) => date, false),
  json: jsonCodec(asText),
  jsonb: jsonCodec(asText),
  text: plainCodec('text'),
  varchar: plainCodec('text'),
  bpchar: plainCodec('text'),
  citext: plainCodec('text'),
  name: plainCodec('text'),
  uuid: plainCodec('uuid'),
  bytea: plainCodec('bytes'),
};

/** Enums are text; domains are their base type; anything else is left to the driver. */
function codecFor(type: string, typtype: string, baseType: string | null): ColumnCodec {
  if (typtype === 'e') return plainCodec('enum');
  const name = typtype === 'd' && baseType !== null ? baseType : type;
  return Object.hasOwn(CODECS, name) ? CODECS[name]! : driverCodec;
}

interface PgColumnRow {
  name: string;
  type: string;
  typtype: string;
  basetype: string | null;
  pk: boolean;
}

export async function postgresColumns(
  runner: QueryRunner,
  text: SqlText,
  table: string,
): Promise<TableColumns> {
  const { rows } = await execute<PgColumnRow>(
    runner,
    `SELECT a.attname AS name, t.typname AS type, t.typtype AS typtype, bt.typname AS basetype,
  COALESCE(a.attnum = ANY(i.indkey), false) AS pk
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`,
    [text.table(table)],
  );
  return columnsOf(
    rows.map((row) => ({
      name: row.name,
      codec: codecFor(row.type, row.typtype, row.basetype),
      primaryKey: row.pk,
      // RETURNING gives the row back: only MySQL needs to know what the database assigns.
      autoIncrement: false,
    })),
  );
}
