import { driverCodec, type ColumnCodec } from './column-codec.js';
import { POSTGRES_CODECS, POSTGRES_ENUM_CODEC } from './postgres-codecs.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { SqlText } from './sql-text.js';
import { columnsOf, type TableColumns } from './table-columns.js';

/** Enums are text; domains are their base type; anything else is left to the driver. */
function codecFor(type: string, typtype: string, baseType: string | null): ColumnCodec {
  if (typtype === 'e') return POSTGRES_ENUM_CODEC;
  const name = typtype === 'd' && baseType !== null ? baseType : type;
  return Object.hasOwn(POSTGRES_CODECS, name) ? POSTGRES_CODECS[name]! : driverCodec;
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
