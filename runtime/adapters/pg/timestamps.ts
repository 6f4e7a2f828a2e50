/**
 * Timestamps in the text form Postgres reads and writes (DateStyle ISO, the default):
 * `2024-05-01 12:30:00.123+02`, `0044-03-15 10:00:00+00 BC`. A `timestamp` (without time zone)
 * column is taken to hold UTC, so a Date reads back as itself whatever the process's time zone.
 */
const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/** Text without an offset (a `timestamp` column) is read as UTC; ±infinity as ±Infinity, like pg. */
export function parseTimestamp(text: string): Date | number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  const m = TIMESTAMP.exec(text);
  if (m === null) return new Date(Number.NaN);
  let year = Number(m[1]);
  if (m[12] !== undefined) year = 1 - year;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (m[8] !== undefined) {
    const offset = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    date.setTime(date.getTime() - (m[8] === '-' ? -offset : offset) * 1000);
  }
  return date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid Date as UTC text (`+00` for timestamptz); years before 1 as BC. */
export function formatTimestamp(date: Date, withZone: boolean): string {
  const year = date.getUTCFullYear();
  const text =
    `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}` +
    (withZone ? '+00' : '');
  return year > 0 ? text : `${text} BC`;
}
