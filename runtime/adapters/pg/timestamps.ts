import { parsePgDatetime } from '../sql/pg-datetime-text.js';

/**
 * Timestamps in the text form Postgres writes with DateStyle ISO (which the adapter pins):
 * `2024-05-01 12:30:00.123+02`, `0044-03-15 10:00:00+00 BC`. A `timestamp` (without time zone)
 * column is taken to hold UTC, so a Date reads back as itself whatever the process's time zone;
 * ±infinity is ±Infinity, like pg. Text of another form is an invalid Date.
 */
export function parseTimestamp(text: string): Date | number {
  return parsePgDatetime(text, 'utc') ?? new Date(Number.NaN);
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
