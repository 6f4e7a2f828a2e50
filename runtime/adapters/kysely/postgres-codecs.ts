import { parsePgDatetime, pgDatetimeText } from '../sql/pg-datetime-text.js';
import {
  bigintCodec,
  booleanCodec,
  datetimeCodec,
  decimalCodec,
  jsonCodec,
  plainCodec,
  refused,
  type ColumnCodec,
} from './column-codec.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';

/**
 * PostgreSQL's column codecs. Values the server would refuse (past an integer's range, numeric
 * text that is no number, NUL in text or jsonb, a Date before 4714 BC) are refused before anything
 * is sent, naming `Model.column`; timestamps are read as ISO text whatever DateStyle says.
 */

const asText = (column: string) => `${column}::text`;

/** `codec`, with `check` run on each value it is to write (before its own encoding). */
function checked(
  codec: ColumnCodec,
  check: (value: unknown, where: string, kind: string) => void,
): ColumnCodec {
  return {
    ...codec,
    encode(value, where) {
      check(value, where, codec.kind);
      return codec.encode(value, where);
    },
  };
}

const inRange =
  (min: number | bigint, max: number | bigint) => (value: unknown, where: string, kind: string) => {
    if ((typeof value === 'number' || typeof value === 'bigint') && (value < min || value > max)) {
      refused(where, kind, value, `it is outside the column's range ${min}..${max}`);
    }
  };

const NUMERIC_TEXT =
  /^\s*(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|nan|[+-]?inf(?:inity)?)\s*$/i;

function numericText(value: unknown, where: string, kind: string): void {
  if (typeof value === 'string' && !NUMERIC_TEXT.test(value)) {
    refused(where, kind, value, 'it is not a number in decimal notation');
  }
}

function noNul(value: unknown, where: string, kind: string): void {
  if (typeof value === 'string' && value.includes('\0')) {
    refused(where, kind, value, 'PostgreSQL text cannot hold the NUL character');
  }
}

/** `\u0000` in JSON text, unless its backslash is itself escaped (`\\u0000` is text). */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

const jsonb = jsonCodec(asText);
const jsonbCodec: ColumnCodec = {
  ...jsonb,
  encode(value, where) {
    const text = jsonb.encode(value, where);
    if (typeof text === 'string' && NUL_ESCAPE.test(text)) {
      refused(where, 'jsonb', value, 'jsonb cannot hold the NUL character in its strings');
    }
    return text;
  },
};

/** PostgreSQL's earliest timestamp, 4714-11-24 00:00 BC (its latest is past any Date's). */
const EARLIEST = Date.UTC(-4713, 10, 24);

function inTimestampRange(value: unknown, where: string, kind: string): void {
  if (value instanceof Date && value.getTime() < EARLIEST) {
    refused(where, kind, value, 'PostgreSQL keeps no timestamp before 4714-11-24 BC');
  }
}

/**
 * Dates, written by the driver (`timestamp` and `date` in this process's time zone) and read as
 * ISO text, so a database or pool with another DateStyle gives them back the same.
 */
function pgDatetimeCodec(): ColumnCodec {
  const base = checked(
    datetimeCodec((date) => date, false),
    inTimestampRange,
  );
  return {
    ...base,
    read: pgDatetimeText,
    decode(value, where) {
      if (typeof value !== 'string') return base.decode(value, where);
      const parsed = parsePgDatetime(value, 'local');
      if (parsed === undefined) {
        throw new KyselyAdapterError(`${where}: cannot read ${JSON.stringify(value)} as a date`);
      }
      return typeof parsed === 'number' ? new Date(parsed) : parsed;
    },
  };
}

const integer = (min: number, max: number) => checked(plainCodec('integer'), inRange(min, max));
const text = checked(plainCodec('text'), noNul);
const datetime = pgDatetimeCodec();

export const POSTGRES_CODECS: Readonly<Record<string, ColumnCodec>> = {
  int2: integer(-32768, 32767),
  int4: integer(-2147483648, 2147483647),
  int8: checked(bigintCodec(asText, String), inRange(-(2n ** 63n), 2n ** 63n - 1n)),
  numeric: checked(decimalCodec(asText), numericText),
  float4: checked(plainCodec('real'), inRange(-3.4028234663852886e38, 3.4028234663852886e38)),
  float8: plainCodec('real'),
  bool: booleanCodec(true),
  timestamp: datetime,
  timestamptz: datetime,
  date: datetime,
  json: jsonCodec(asText),
  jsonb: jsonbCodec,
  text,
  varchar: text,
  bpchar: text,
  citext: text,
  name: text,
  uuid: checked(plainCodec('uuid'), noNul),
  bytea: plainCodec('bytes'),
};

/** Enums take text. */
export const POSTGRES_ENUM_CODEC = checked(plainCodec('enum'), noNul);
