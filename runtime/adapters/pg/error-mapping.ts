import { DatabaseConflictError, UniqueViolationError } from '../../errors.js';
import type { Filters, Row } from '../../orm-adapter.js';
import { pgFailure, pgUniqueKey } from '../sql/pg-sqlstate.js';
import { pgErrorOf } from './driver-types.js';
import { PgAdapterError } from './pg-adapter-error.js';

/** What the statement that failed was doing, to name the model and row in the error. */
export interface StatementContext {
  readonly model: string;
  /** The row's identifier, when the statement names it. */
  readonly id?: unknown;
  readonly values?: Row | undefined;
  readonly filters?: Filters | undefined;
  /** The statement read with `FOR UPDATE NOWAIT`. */
  readonly nowait?: boolean;
  /** The statement read with `FOR UPDATE` (waiting, or with NOWAIT). */
  readonly locking?: boolean;
  /** The transition log's table: a unique violation there is a step logged twice. */
  readonly logTable?: string | undefined;
}

/**
 * A node-postgres error as the runtime's error, by SQLSTATE, the pg error as `cause`:
 * serialization failure (40001), deadlock (40P01) and lock not available (55P03) are
 * `DatabaseConflictError`s, retryable; a unique violation (23505) is `UniqueViolationError`, or a
 * `DatabaseConflictError` ('duplicate-step') on the transition log; a statement sent into a
 * transaction an earlier error aborted (25P02) is a `PgAdapterError` saying so. A statement
 * canceled (57014, statement_timeout) while it waited for a row lock is a `DatabaseConflictError`
 * ('lock-timeout'), any other canceled statement, and a value the server refused (class 22: out of
 * range, bad syntax, …), a `PgAdapterError` naming the model and row. Anything else is returned as
 * it is.
 */
export function mapPgError(error: unknown, context: StatementContext): unknown {
  const pg = pgErrorOf(error);
  if (pg === undefined) return error;
  const what = subject(context);
  const failure = pgFailure(pg.code, pg.message, context);
  switch (failure?.kind) {
    case undefined:
      return error;
    case 'conflict':
      return new DatabaseConflictError(failure.reason, {
        model: context.model,
        id: context.id,
        code: pg.code,
        cause: error,
      });
    case 'refused':
      return new PgAdapterError(`${what}${failure.why}`, error);
    case 'unique':
      if (context.logTable !== undefined && pg.table === context.logTable) {
        return new DatabaseConflictError('duplicate-step', {
          model: context.model,
          id: context.id,
          code: pg.code,
          cause: error,
        });
      }
      return new UniqueViolationError(context.model, clashingFields(pg.detail, context), {
        cause: error,
        ...(pg.detail !== undefined && { detail: pg.detail }),
      });
    case 'aborted':
      return new PgAdapterError(
        `${what}the transaction had already failed: a statement earlier in it raised an error that was caught outside a savepoint, and Postgres runs nothing more until the transaction rolls back. Let the error end the transaction, or run the statement that may fail in a nested transaction (a savepoint)`,
        error,
      );
  }
}

/** `Model 'id': ` for a message, as far as the context knows them; nothing when it does not. */
function subject(context: StatementContext): string {
  if (context.model === '') return '';
  if (context.id === undefined) return `${context.model}: `;
  const id = typeof context.id === 'bigint' ? `${context.id}n` : JSON.stringify(context.id);
  return `${context.model} ${id}: `;
}

/**
 * The fields of "Key (a, b)=(x, y) already exists.": named by the detail, valued from what the
 * statement wrote or filtered on (the detail's text only as a last resort, when it splits evenly).
 */
function clashingFields(detail: string | undefined, context: StatementContext): Row {
  const { columns, printed } = pgUniqueKey(detail);
  const fields: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const { values, filters } = context;
    if (values !== undefined && Object.hasOwn(values, column)) fields[column] = values[column];
    else if (filters !== undefined && Object.hasOwn(filters, column))
      fields[column] = filters[column];
    else if (printed.length === columns.length) fields[column] = printed[i];
  });
  return fields;
}
