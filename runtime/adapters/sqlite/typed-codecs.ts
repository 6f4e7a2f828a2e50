import type { ColumnCodec } from './column-codec.js';
import { roundTripJson } from './json-round-trip.js';
import { refusedValue } from './value-refusal.js';

/**
 * Codecs for declared types SQLite does not know but this adapter does (BOOLEAN, JSON,
 * DATETIME, BIGINT): each holds one kind of JavaScript value and reads it back as that kind, so
 * any other kind is refused rather than read back as something else.
 */

const only = (kind: string, column: string, declared: string, value: unknown, fix: string) =>
  refusedValue(column, declared, value, `a ${declared} column holds ${kind} only`, fix);

export function booleanCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === null) return null;
      throw only(
        'booleans',
        column,
        declared,
        value,
        'pass true or false, or declare the column for what you store',
      );
    },
    decode: (value) => (value === 1 ? true : value === 0 ? false : value),
  };
}

/**
 * Any JSON value. A top-level number is stored as a number (JSON's NUMERIC affinity would turn
 * its text into one anyway, by SQLite's own text-to-number conversion); everything else as JSON
 * text, which reads back parsed.
 */
export function jsonCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (value === null) return null;
      if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) {
        return value;
      }
      return roundTripJson(value, column, declared);
    },
    decode: (value) => (typeof value === 'string' ? parseJson(value) : value),
  };
}

/** Text another writer put in a JSON column that is not JSON reads back as the text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** SQLite's own CURRENT_TIMESTAMP text ('2024-05-01 10:00:00') is UTC without saying so. */
const SQLITE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** Dates, as ISO-8601 UTC text; text read back becomes a Date, so strings are refused. */
export function datetimeCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (value instanceof Date) {
        if (!Number.isNaN(value.getTime())) return value.toISOString();
        throw refusedValue(column, declared, value, 'it is an invalid Date', 'pass a valid Date');
      }
      if (value === null) return null;
      throw only(
        'Dates',
        column,
        declared,
        value,
        typeof value === 'string'
          ? 'pass a Date (new Date(text)); text here would read back as a Date'
          : 'pass a Date',
      );
    },
    decode: (value) => {
      if (typeof value !== 'string') return value;
      const date = new Date(SQLITE_DATETIME.test(value) ? `${value.replace(' ', 'T')}Z` : value);
      return Number.isNaN(date.getTime()) ? value : date;
    },
  };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * 64-bit integers as bigints. A number is refused, even a safe integer: it would read back as a
 * bigint, and 7 !== 7n.
 */
export function bigintCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (typeof value === 'bigint') {
        if (value >= INT64_MIN && value <= INT64_MAX) return value;
        throw refusedValue(
          column,
          declared,
          value,
          'it does not fit in SQLite’s 64-bit integers',
          'store it as text in a TEXT column',
        );
      }
      if (value === null) return null;
      throw only(
        'bigints',
        column,
        declared,
        value,
        typeof value === 'number'
          ? `pass BigInt(${value}) — a number would read back as a bigint — or declare the column INTEGER`
          : 'pass a bigint',
      );
    },
    readsBigints: true,
  };
}
