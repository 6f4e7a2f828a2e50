import { DatabaseConflictError, StateMachineError, UniqueViolationError } from '../../errors.js';
import type { Filters, Row } from '../../orm-adapter.js';
import { pgFailure, pgUniqueKey, type PgFailure } from '../sql/pg-sqlstate.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import type { ModelTable } from './model-tables.js';

/** What a driver's error tells: its code (SQLSTATE or SQLite's), and for Postgres the detail. */
interface DriverError {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly constraint?: string;
}

/** What the failed operation was about, to name it in the typed error. */
export interface OperationContext {
  readonly table?: ModelTable | undefined;
  readonly values?: Row | undefined;
  readonly filters?: Filters | undefined;
  readonly nowait?: boolean;
  /** The statement was a locking read (`lock: 'wait'` or `'nowait'`). */
  readonly locking?: boolean;
}

/**
 * The driver's own error inside what Drizzle threw (a `DrizzleQueryError` keeps it as `cause`),
 * when it carries a code.
 */
export function driverErrorOf(error: unknown): DriverError | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return current as DriverError;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What a driver error means: PostgreSQL's SQLSTATEs as every adapter reads them, SQLite's codes. */
function failureOf(driver: DriverError, context: OperationContext): PgFailure | undefined {
  if (driver.code.startsWith('SQLITE_BUSY')) return { kind: 'conflict', reason: 'lock-timeout' };
  if (
    driver.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driver.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return { kind: 'unique' };
  }
  return pgFailure(driver.code, driver.message, context);
}

export function isUniqueViolation(driver: DriverError): boolean {
  return failureOf(driver, {})?.kind === 'unique';
}

/**
 * A database error as the runtime's typed error, naming the model and row, the driver's error
 * as `cause`: serialization failures, deadlocks and lock waits (a statement canceled by
 * statement_timeout while it waited for a row lock included) as `DatabaseConflictError`, a
 * unique violation as `UniqueViolationError`; a value PostgreSQL refused (class 22: out of
 * range, not of the column's type, NUL) or any other canceled statement as a
 * `DrizzleAdapterError`. Anything else is returned as it is.
 */
export function typedDatabaseError(error: unknown, context: OperationContext = {}): unknown {
  if (error instanceof StateMachineError) return error;
  const driver = driverErrorOf(error);
  if (driver === undefined) return error;
  const { table, values, filters } = context;
  const failure = failureOf(driver, context);
  if (failure?.kind === 'refused') {
    const id = table?.idOf(values, filters);
    const what = `${table?.model ?? ''}${id === undefined ? '' : ` ${describeId(id)}`}`;
    return new DrizzleAdapterError(`${what === '' ? '' : `${what}: `}${failure.why}`, driver);
  }
  if (failure?.kind === 'conflict') {
    return new DatabaseConflictError(failure.reason, {
      model: table?.model,
      id: table?.idOf(values, filters),
      code: driver.code,
      cause: driver,
    });
  }
  if (failure?.kind === 'unique') {
    return new UniqueViolationError(table?.model ?? '', uniqueFields(driver, context), {
      cause: driver,
      detail: driver.detail ?? driver.message,
    });
  }
  return error;
}

/**
 * The clashing fields by JS key: Postgres names columns and values in its detail (`Key
 * ("order_id")=(ORD-1) already exists.`), SQLite names `table.column`s in its message. A value the
 * statement wrote (or filtered on) is given as it was, else as the database printed it.
 */
function uniqueFields(driver: DriverError, context: OperationContext): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const pg = pgUniqueKey(driver.detail);
  const sqlite = /constraint failed: (.*)$/.exec(driver.message);
  const columns =
    pg.columns.length > 0
      ? pg.columns
      : (sqlite?.[1] ?? '')
          .split(', ')
          .filter((qualified) => qualified.includes('.') && !qualified.startsWith('index '))
          .map((qualified) => qualified.slice(qualified.lastIndexOf('.') + 1));
  const printed = pg.columns.length === 1 ? pg.printed : [];
  columns.forEach((column, index) => {
    if (column === '') return;
    const key = context.table?.keyOfColumn(column) ?? column;
    const { values, filters } = context;
    if (values !== undefined && Object.hasOwn(values, key)) fields[key] = values[key];
    else if (filters !== undefined && Object.hasOwn(filters, key)) fields[key] = filters[key];
    else fields[key] = printed[index];
  });
  return fields;
}

/** A conflict (serialization, deadlock, lock wait) as `DatabaseConflictError`; else unchanged. */
export function typedConflict(error: unknown): unknown {
  if (error instanceof StateMachineError) return error;
  const driver = driverErrorOf(error);
  const failure = driver && failureOf(driver, {});
  if (driver === undefined || failure?.kind !== 'conflict') return error;
  return new DatabaseConflictError(failure.reason, { code: driver.code, cause: driver });
}

const describeId = (id: unknown) => (typeof id === 'bigint' ? `${id}n` : JSON.stringify(id));
