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

const integer: Encode = (value, column, type) => {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  throw refusedValue(column, type, value, 'an integer column takes whole numbers');
};

const bigInteger: Encode = (value, column, type) => {
  if (typeof value === 'bigint') return String(value);
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

const decimal: Encode = (value, column, type) => {
  if (typeof value === 'string' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && !Number.isNaN(value)) return String(value);
  throw refusedValue(column, type, value, 'a numeric column takes strings (exact) or numbers');
};

const float: Encode = (value, column, type) => {
  if (typeof value === 'number') return String(value);
  throw refusedValue(column, type, value, 'a floating-point column takes numbers');
};

const boolean: Encode = (value, column, type) => {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw refusedValue(column, type, value, 'a boolean column takes booleans');
};

const timestamp =
  (withZone: boolean): Encode =>
  (value, column, type) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      return formatTimestamp(value, withZone);
    }
    throw refusedValue(
      column,
      type,
      value,
      'a timestamp column takes valid Dates (it reads back as a Date)',
    );
  };

const json: Encode = (value, column, type) => {
  const why = nonJsonPart(value);
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

const text: Encode = (value, column, type) => {
  if (typeof value === 'string') return value;
  throw refusedValue(
    column,
    type,
    value,
    'a text column takes strings (anything else would read back as a string)',
  );
};

const ENCODERS: Readonly<Record<string, Encode>> = {
  int2: integer,
  int4: integer,
  int8: bigInteger,
  numeric: decimal,
  float4: float,
  float8: float,
  bool: boolean,
  timestamptz: timestamp(true),
  timestamp: timestamp(false),
  json,
  jsonb: json,
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
