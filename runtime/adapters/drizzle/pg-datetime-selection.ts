import { sql, type Column, type SQL } from 'drizzle-orm';
import { parsePgDatetime } from '../sql/pg-datetime-text.js';

/** Drizzle's PostgreSQL columns that read their text as a Date (mode 'date'). */
const DATE_COLUMNS: ReadonlySet<string> = new Set(['PgTimestamp', 'PgDate']);

/**
 * The fields the adapter selects (and returns from an insert) for a table with Date columns:
 * each such column read as ISO text (`to_json`, as `pgDatetimeText` does), whatever DateStyle the
 * connection has, where Drizzle would parse the session's text (`01/05/2024 …` with DateStyle
 * SQL, DMY comes back with day and month swapped). Text without an offset is UTC, as Drizzle
 * reads it. Undefined when the table has no such column: all columns, as Drizzle selects them.
 */
export function datetimeSelection(
  columns: Readonly<Record<string, Column>>,
): Record<string, Column | SQL> | undefined {
  const keys = Object.keys(columns).filter((key) => DATE_COLUMNS.has(columns[key]!.columnType));
  if (keys.length === 0) return undefined;
  const selection: Record<string, Column | SQL> = { ...columns };
  for (const key of keys) {
    selection[key] = sql`(to_json(${columns[key]}) #>> '{}')`.mapWith(readDatetime);
  }
  return selection;
}

/** ±infinity and text of no ISO form give an invalid Date, as Drizzle's own parsing would. */
function readDatetime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parsePgDatetime(value, 'utc');
  return parsed instanceof Date ? parsed : new Date(Number.NaN);
}
