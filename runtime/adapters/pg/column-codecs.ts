import { nonJsonPart } from './json-value.js';
import { refusedValue } from './pg-adapter-error.js';
import { formatTimestamp } from './timestamps.js';

/**
 * How one column's values are written: `encode` turns a JS value into the text Postgres reads
 * (or refuses it, naming `Model.column`), so that it reads back as itself through the adapter's
 * type parsers (see `type-parsers.ts`). Columns of types the adapter does not know take values
 * as they are, and node-postgres converts them as it always does.
 */
export interface ColumnCodec {
  /** The column's SQL type, for messages. */
  readonly type: string;
  encode(value: unknown, column: string): unknown;
}

type Encode = (value: unknown, column: string, type: string) => unknown;

/** A whole number within `min`..`max`, the range of int2 or int4. */
const integer =
  (min: number, max: number): Encode =>
  (value, column, type) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw refusedValue(column, type, value, 'an integer column takes whole numbers');
    }
    if (value < min || value > max) {
      throw refusedValue(column, type, value, `it is outside the column's range ${min}..${max}`);
    }
    return String(value);
  };

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

const bigInteger: Encode = (value, column, type) => {
  if (typeof value === 'bigint') {
    if (value >= INT8_MIN && value <= INT8_MAX) return String(value);
    throw refusedValue(
      column,
      type,
      value,
      `it is outside the column's range ${INT8_MIN}..${INT8_MAX}`,
    );
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw refusedValue(
    column,
    type,
    value,
    typeof value === 'number'
      ? 'a number that is not a safe integer would not be stored exactly; pass a bigint'
      : 'a bigint column takes bigints or safe integers (it reads back as a bigint)',
  );
};

/** What numeric's input takes: decimal digits with an optional exponent, NaN, ±Infinity. */
const NUMERIC_TEXT =
  /^\s*(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|nan|[+-]?inf(?:inity)?)\s*$/i;

const decimal: Encode = (value, column, type) => {
  if (typeof value === 'string') {
    if (NUMERIC_TEXT.test(value)) return value;
    throw refusedValue(column, type, value, 'it is not a number in decimal notation');
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && !Number.isNaN(value)) return String(value);
  throw refusedValue(column, type, value, 'a numeric column takes strings (exact) or numbers');
};

const FLOAT4_MAX = 3.4028234663852886e38;

const float =
  (max: number, single: boolean): Encode =>
  (value, column, type) => {
    if (typeof value !== 'number') {
      throw refusedValue(column, type, value, 'a floating-point column takes numbers');
    }
    if (Number.isFinite(value) && Math.abs(value) > max) {
      throw refusedValue(column, type, value, `it is beyond the column's largest value ${max}`);
    }
    if (single && Math.fround(value) !== value && !Number.isNaN(value)) {
      throw refusedValue(
        column,
        type,
        value,
        'a real (float4) holds it only rounded (declare the column double precision)',
      );
    }
    // String(-0) is '0': the sign would be lost.
    return Object.is(value, -0) ? '-0' : String(value);
  };

const boolean: Encode = (value, column, type) => {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw refusedValue(column, type, value, 'a boolean column takes booleans');
};

/** PostgreSQL's earliest timestamp, 4714-11-24 00:00 BC (its latest is past any Date's). */
const EARLIEST_TIMESTAMP = Date.UTC(-4713, 10, 24);

const timestamp =
  (withZone: boolean): Encode =>
  (value, column, type) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw refusedValue(
        column,
        type,
        value,
        'a timestamp column takes valid Dates (it reads back as a Date)',
      );
    }
    if (value.getTime() < EARLIEST_TIMESTAMP) {
      throw refusedValue(column, type, value, 'PostgreSQL keeps no timestamp before 4714-11-24 BC');
    }
    return formatTimestamp(value, withZone);
  };

const json =
  (binary: boolean): Encode =>
  (value, column, type) => {
    // jsonb cannot hold NUL (\u0000) in its strings; json keeps the text as it is.
    const why = nonJsonPart(value, { nul: !binary });
    if (why !== undefined) {
      throw refusedValue(
        column,
        type,
        value,
        `${why}; a ${type} column takes values JSON gives back as they were`,
      );
    }
    // Arrays too: left to node-postgres, a JS array would be sent as a Postgres array literal.
    return JSON.stringify(value);
  };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const text: Encode = (value, column, type) => {
  if (typeof value === 'string') {
    if (value.includes('\0')) {
      throw refusedValue(column, type, value, 'PostgreSQL text cannot hold the NUL character');
    }
    if (LONE_SURROGATE.test(value)) {
      throw refusedValue(
        column,
        type,
        value,
        'it holds half a surrogate pair, which UTF-8 cannot encode (it would read back as U+FFFD)',
      );
    }
    return value;
  }
  throw refusedValue(
    column,
    type,
    value,
    'a text column takes strings (anything else would read back as a string)',
  );
};

const ENCODERS: Readonly<Record<string, Encode>> = {
  int2: integer(-32768, 32767),
  int4: integer(-2147483648, 2147483647),
  int8: bigInteger,
  numeric: decimal,
  float4: float(FLOAT4_MAX, true),
  float8: float(Number.MAX_VALUE, false),
  bool: boolean,
  timestamptz: timestamp(true),
  timestamp: timestamp(false),
  json: json(false),
  jsonb: json(true),
  text,
  varchar: text,
  bpchar: text,
  name: text,
  citext: text,
  uuid: text,
};

/**
 * The codec of a column of type `typname` (the base type of a domain); `isEnum` for a
 * user-defined enum, which takes strings. `type` is the type as `format_type` writes it.
 */
export function codecFor(typname: string, isEnum: boolean, type: string): ColumnCodec {
  const encode = isEnum ? text : Object.hasOwn(ENCODERS, typname) ? ENCODERS[typname] : undefined;
  if (encode === undefined) return { type, encode: (value) => value };
  return { type, encode: (value, column) => (value === null ? null : encode(value, column, type)) };
}
