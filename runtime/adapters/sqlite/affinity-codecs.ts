import type { ColumnCodec, SqliteValue } from './column-codec.js';
import { belongsElsewhere, refusedValue } from './value-refusal.js';

/**
 * Codecs for columns whose declared type is one of SQLite's own (see
 * https://sqlite.org/datatype3.html): what SQLite would convert on the way in is refused, so a
 * value either reads back as itself or is never written.
 */

/** Text SQLite turns into a number in a column of INTEGER, REAL or NUMERIC affinity. */
const NUMERIC_TEXT =
  /^[ \t\n\f\r\v]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\f\r\v]*(?:\0[\s\S]*)?$/;

const isBytes = (value: object): value is Uint8Array => value instanceof Uint8Array;

function refuseNaN(column: string, declared: string, value: number): never {
  throw refusedValue(column, declared, value, 'SQLite stores NaN as NULL', 'store null instead');
}

/** TEXT affinity (TEXT, VARCHAR, CLOB…), STRICT TEXT included: strings only. */
export function textCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (typeof value === 'string' || value === null) return value;
      throw belongsElsewhere(
        column,
        declared,
        value,
        ', or pass a string (String(value)) if text is what you mean',
      );
    },
    holdsNoIntegers: true,
  };
}

/**
 * INTEGER, REAL and NUMERIC affinity: numbers (an integer in a REAL column reads back as the
 * same number) and strings SQLite leaves as text. -0 would read back as 0, NaN as NULL.
 */
export function numericCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      switch (typeof value) {
        case 'number':
          if (value !== value) refuseNaN(column, declared, value);
          if (value === 0 && 1 / value < 0) throw negativeZero(column, declared);
          return value;
        case 'string':
          if (NUMERIC_TEXT.test(value)) {
            throw refusedValue(
              column,
              declared,
              value,
              'SQLite stores numeric-looking text in this column as a number, so it would read back as a number',
              'pass a number, or declare the column TEXT to keep text',
            );
          }
          return value;
        default:
          if (value === null) return null;
          throw belongsElsewhere(column, declared, value);
      }
    },
  };
}

const negativeZero = (column: string, declared: string) =>
  refusedValue(
    column,
    declared,
    -0,
    'it would read back as 0',
    'store 0, or use a column without a declared type',
  );

/**
 * No declared type, BLOB, or STRICT ANY: nothing is converted. Safe integers are bound as
 * integers (better-sqlite3 binds every number as a double otherwise), other numbers as doubles,
 * -0 and ±Infinity included.
 */
export function untypedCodec(declared: string): ColumnCodec {
  return {
    encode(value, column): SqliteValue {
      switch (typeof value) {
        case 'number':
          if (value !== value) refuseNaN(column, declared, value);
          return Number.isSafeInteger(value) && !Object.is(value, -0) ? BigInt(value) : value;
        case 'string':
          return value;
        default:
          if (value === null) return null;
          if (typeof value === 'object' && isBytes(value)) return value;
          throw belongsElsewhere(column, declared, value);
      }
    },
  };
}

/** STRICT INTEGER/INT: safe integers only; SQLite refuses other numbers, and text that is not one. */
export function strictIntegerCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (value === null) return null;
      if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) {
        return value;
      }
      throw refusedValue(
        column,
        declared,
        value,
        'a STRICT INTEGER column holds integers only, and this adapter reads them as numbers',
        typeof value === 'number'
          ? 'pass a safe integer, or declare the column REAL'
          : `store it in ${typeof value === 'string' ? 'a TEXT' : 'another'} column`,
      );
    },
  };
}

/** STRICT REAL: numbers other than NaN and -0 (which would read back as 0). */
export function strictRealCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (value === null) return null;
      if (typeof value === 'number') {
        if (value !== value) refuseNaN(column, declared, value);
        if (value === 0 && 1 / value < 0) throw negativeZero(column, declared);
        return value;
      }
      throw belongsElsewhere(column, declared, value);
    },
    holdsNoIntegers: true,
  };
}

/** STRICT BLOB: byte arrays only (they read back as Buffers). */
export function strictBlobCodec(declared: string): ColumnCodec {
  return {
    encode(value, column) {
      if (value === null) return null;
      if (typeof value === 'object' && isBytes(value)) return value;
      throw refusedValue(
        column,
        declared,
        value,
        'a STRICT BLOB column holds byte arrays only',
        'pass a Uint8Array or Buffer, or declare the column ANY',
      );
    },
    holdsNoIntegers: true,
  };
}
