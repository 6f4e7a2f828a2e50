import { SqliteAdapterError } from './sqlite-errors.js';

const MAX_SHOWN = 60;

/** The value as a reader of the error message would write it, shortened. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const shown = JSON.stringify(
        value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value,
      );
      return `the string ${shown}`;
    }
    case 'number':
      return Object.is(value, -0) ? 'the number -0' : `the number ${value}`;
    case 'bigint':
      return `the bigint ${value}n`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      if (value === null) return 'null';
      if (value instanceof Date) return `the Date ${describeDate(value)}`;
      if (Array.isArray(value)) return 'an array';
      return `a ${(value as object).constructor?.name ?? 'null-prototype object'}`;
  }
}

const describeDate = (date: Date) =>
  Number.isNaN(date.getTime()) ? '(invalid)' : date.toISOString();

/** Which declared column type holds this kind of value so that it reads back as itself. */
export function homeOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'a TEXT column';
    case 'number':
      return 'a column declared INTEGER, REAL or NUMERIC';
    case 'bigint':
      return 'a BIGINT column';
    case 'boolean':
      return 'a BOOLEAN column';
    case 'object':
      if (value instanceof Date) return 'a DATETIME or TIMESTAMP column';
      if (value instanceof Uint8Array) return 'a BLOB column';
      return 'a JSON column';
    default:
      return 'no column: convert it to a string, number or plain object first';
  }
}

/**
 * The error for a value a column would not give back as it was written. `column` is
 * `Model.column`, `declared` the column's declared type; `why` says what would go wrong,
 * `fix` what to do instead.
 */
export function refusedValue(
  column: string,
  declared: string,
  value: unknown,
  why: string,
  fix: string,
): SqliteAdapterError {
  const type = declared === '' ? 'no declared type' : `declared ${declared}`;
  return new SqliteAdapterError(
    `cannot store ${describeValue(value)} in ${column} (${type}): ${why}. Nothing was written; ${fix}`,
  );
}

/** The usual refusal: this kind of value belongs in another column type. */
export function belongsElsewhere(
  column: string,
  declared: string,
  value: unknown,
  hint = '',
): SqliteAdapterError {
  return refusedValue(
    column,
    declared,
    value,
    'it would not read back as the same value',
    `store it in ${homeOf(value)}${hint}`,
  );
}
