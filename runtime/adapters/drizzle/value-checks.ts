import type { Column } from 'drizzle-orm';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';

/**
 * Values a PostgreSQL column would refuse, refused before anything is sent, naming `Model.field`:
 * integers past the column's range, numeric text that is no number, NUL in text or jsonb strings,
 * Dates before 4714 BC. Values of another JS type are Drizzle's to convert (or the server's to
 * refuse). Returns why `value` is refused, or undefined.
 */
type Check = (value: unknown) => string | undefined;

const range =
  (min: number | bigint, max: number | bigint): Check =>
  (value) =>
    (typeof value === 'number' || typeof value === 'bigint') && (value < min || value > max)
      ? `it is outside the column's range ${min}..${max}`
      : undefined;

const NUMERIC_TEXT =
  /^\s*(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|nan|[+-]?inf(?:inity)?)\s*$/i;

const numericText: Check = (value) =>
  typeof value === 'string' && !NUMERIC_TEXT.test(value)
    ? 'it is not a number in decimal notation'
    : undefined;

const noNul: Check = (value) =>
  typeof value === 'string' && value.includes('\0')
    ? 'PostgreSQL text cannot hold the NUL character'
    : undefined;

/** `\u0000` in JSON text, unless its backslash is itself escaped (`\\u0000` is text). */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

const jsonbNoNul: Check = (value) => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined; // Drizzle's own JSON.stringify reports it.
  }
  return text !== undefined && NUL_ESCAPE.test(text)
    ? 'jsonb cannot hold the NUL character in its strings'
    : undefined;
};

/** PostgreSQL's earliest timestamp and date, 4714-11-24 BC (their latest are past any Date's). */
const EARLIEST = Date.UTC(-4713, 10, 24);

const inDateRange: Check = (value) =>
  value instanceof Date && value.getTime() < EARLIEST
    ? 'PostgreSQL keeps no date before 4714-11-24 BC'
    : undefined;

const INT2 = range(-32768, 32767);
const INT4 = range(-2147483648, 2147483647);
const INT8 = range(-(2n ** 63n), 2n ** 63n - 1n);

const CHECKS: Readonly<Record<string, Check>> = {
  PgSmallInt: INT2,
  PgSmallSerial: INT2,
  PgInteger: INT4,
  PgSerial: INT4,
  PgBigInt53: INT8,
  PgBigSerial53: INT8,
  PgBigInt64: INT8,
  PgBigSerial64: INT8,
  PgReal: range(-3.4028234663852886e38, 3.4028234663852886e38),
  PgNumeric: numericText,
  PgText: noNul,
  PgVarchar: noNul,
  PgChar: noNul,
  PgUUID: noNul,
  PgEnumColumn: noNul,
  PgJsonb: jsonbNoNul,
  PgTimestamp: inDateRange,
  PgDate: inDateRange,
};

/** Refuses `value` for `column` (the field `model.key`) if the database would. */
export function checkValue(model: string, key: string, column: Column, value: unknown): void {
  if (value === null || value === undefined) return;
  const check = Object.hasOwn(CHECKS, column.columnType) ? CHECKS[column.columnType] : undefined;
  const why = check?.(value);
  if (why === undefined) return;
  throw new DrizzleAdapterError(
    `${model}.${key} (${column.getSQLType()}) cannot hold ${describe(value)}: ${why}; nothing was written`,
  );
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `the Date ${value.toISOString()}`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object' && value !== null) return 'the value';
  return String(value);
}
