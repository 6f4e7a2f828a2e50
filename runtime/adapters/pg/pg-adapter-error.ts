import { StateMachineError } from '../../errors.js';

/**
 * A problem the Postgres adapter found before or instead of the server: an unknown table or
 * column, a value a column would not give back as written, a handle used after its transaction
 * ended, a transaction that had failed and could not commit.
 */
export class PgAdapterError extends StateMachineError {
  constructor(message: string, cause?: unknown) {
    super(`PgAdapter: ${message}`, cause === undefined ? {} : { cause });
  }
}

const MAX_SHOWN = 60;

/** A value as a reader of an error message would write it, shortened. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value)}`;
    case 'bigint':
      return `the bigint ${value}n`;
    case 'number':
    case 'boolean':
      return `the ${typeof value} ${String(value)}`;
    case 'undefined':
    case 'function':
    case 'symbol':
      return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
    default:
      if (value === null) return 'null';
      if (value instanceof Date) {
        return `the Date ${Number.isNaN(value.getTime()) ? '(invalid)' : value.toISOString()}`;
      }
      if (Array.isArray(value)) return 'an array';
      return `a ${(value as object).constructor?.name ?? 'null-prototype object'}`;
  }
}

/** A value refused before anything was sent: `column` is `Model.column`, `type` its SQL type. */
export function refusedValue(
  column: string,
  type: string,
  value: unknown,
  why: string,
): PgAdapterError {
  return new PgAdapterError(
    `cannot store ${describeValue(value)} in ${column} (${type}): ${why}. Nothing was written`,
  );
}
