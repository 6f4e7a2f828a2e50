/**
 * PostgreSQL dates and timestamps as text that does not depend on the session's DateStyle:
 * `to_json` writes them as ISO 8601 whatever DateStyle says (`2024-05-01T18:00:00.123+05:30`,
 * `0044-03-15T10:00:00 BC`, `2024-05-01`, `infinity`), where plain output would follow it
 * (`01/05/2024 18:00:00.123 IST` with DateStyle SQL, DMY).
 */
export const pgDatetimeText = (column: string): string => `(to_json(${column}) #>> '{}')`;

const DATETIME =
  /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/**
 * A date or timestamp in ISO form (as `pgDatetimeText` gives it, or as Postgres writes it with
 * DateStyle ISO), to the millisecond; ±infinity as ±Infinity; undefined for any other text.
 * Text without an offset (`timestamp`, `date`) is read as UTC or as the process's local time.
 */
export function parsePgDatetime(
  text: string,
  zoneless: 'utc' | 'local',
): Date | number | undefined {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  const m = DATETIME.exec(text);
  if (m === null) return undefined;
  const year = m[12] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  const parts = [
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3)),
  ] as const;
  const date = new Date(0);
  if (m[8] === undefined && zoneless === 'local') {
    date.setFullYear(year, parts[0], parts[1]);
    date.setHours(parts[2], parts[3], parts[4], parts[5]);
    return date;
  }
  date.setUTCFullYear(year, parts[0], parts[1]);
  date.setUTCHours(parts[2], parts[3], parts[4], parts[5]);
  if (m[8] !== undefined) {
    const offset = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    date.setTime(date.getTime() - (m[8] === '-' ? -offset : offset) * 1000);
  }
  return date;
}
