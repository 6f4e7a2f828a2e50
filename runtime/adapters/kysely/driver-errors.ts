import {
  DatabaseConflictError,
  StateMachineError,
  UniqueViolationError,
  type ConflictReason,
} from '../../errors.js';
import type { Filters } from '../../orm-adapter.js';
import { pgFailure, pgUniqueKey } from '../sql/pg-sqlstate.js';
import type { SqlDialect } from './dialect.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';

/** What the adapter knew when a statement failed, to name it in the typed error. */
export interface FailureContext {
  readonly dialect: SqlDialect;
  readonly model: string;
  readonly id?: unknown;
  /** The statement was a `lock: 'nowait'` read: a lock it could not take is "unavailable". */
  readonly nowait?: boolean;
  /** The statement was a locking read (`lock: 'wait'` or `'nowait'`). */
  readonly locking?: boolean;
  /** The values written, or else the filters: where a clashing field's value is looked up. */
  readonly values?: Filters | undefined;
  /** The transition log's table: a unique violation there is a step logged concurrently. */
  readonly logTable?: string | undefined;
  /** The table's primary key columns, for MySQL's "Duplicate entry … for key 'PRIMARY'". */
  readonly primaryKey?: readonly string[];
}

interface DriverError {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly constraint?: unknown;
  readonly detail?: unknown;
  readonly table?: unknown;
  readonly message?: unknown;
}

type Mapped =
  | { conflict: ConflictReason }
  | { unique: Record<string, unknown>; detail: string }
  /** The database refused a value, or canceled the statement: what it said, and the column. */
  | { refused: string; column?: string | undefined };

function pgError(error: DriverError, context: FailureContext): Mapped | undefined {
  const failure = pgFailure(
    error.code === undefined ? undefined : String(error.code),
    String(error.message),
    context,
  );
  switch (failure?.kind) {
    case 'conflict':
      return { conflict: failure.reason };
    case 'refused':
      return { refused: failure.why };
    case 'unique':
      if (isLogTable(context, error.table)) return { conflict: 'duplicate-step' };
      return {
        unique: fieldsNamed(pgUniqueKey(String(error.detail ?? '')).columns, context),
        detail: String(error.detail ?? error.constraint ?? ''),
      };
    default:
      return undefined;
  }
}

function mysqlError(error: DriverError, context: FailureContext): Mapped | undefined {
  switch (Number(error.errno)) {
    case 1213:
      return { conflict: 'deadlock' };
    case 1205:
      return { conflict: context.nowait ? 'lock-unavailable' : 'lock-timeout' };
    case 3572: // MySQL 8's ER_LOCK_NOWAIT
      return { conflict: 'lock-unavailable' };
    case 1020: // ER_CHECKREAD: the row changed since this snapshot read it
      return { conflict: 'serialization' };
    case 1264: // ER_WARN_DATA_OUT_OF_RANGE
    case 1265: // WARN_DATA_TRUNCATED
    case 1292: // ER_TRUNCATED_WRONG_VALUE
    case 1366: // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
    case 1406: // ER_DATA_TOO_LONG
      return {
        refused: `the database refused a value: ${String(error.message)}`,
        column: /column '([^']*)'/.exec(String(error.message))?.[1],
      };
    case 1062: {
      const message = String(error.message);
      const key = /for key '(?:[^']*\.)?([^']*)'$/.exec(message)?.[1];
      if (context.logTable !== undefined && key === `${context.logTable}_entity_seq`) {
        return { conflict: 'duplicate-step' };
      }
      // MariaDB names an inline UNIQUE column's index after the column.
      const names = key === 'PRIMARY' ? (context.primaryKey ?? []) : key === undefined ? [] : [key];
      const fields = fieldsNamed(names, context);
      const known = Object.values(fields).some((value) => value !== undefined);
      return { unique: known ? fields : {}, detail: message };
    }
    default:
      return undefined;
  }
}

function sqliteError(error: DriverError, context: FailureContext): Mapped | undefined {
  const code = String(error.code);
  if (code.startsWith('SQLITE_BUSY')) return { conflict: 'lock-timeout' };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return undefined;
  }
  // "UNIQUE constraint failed: orders.orderId, orders.region"
  const message = String(error.message);
  const qualified = (/constraint failed: (.*)$/.exec(message)?.[1] ?? '').split(', ');
  const table = qualified[0]?.slice(0, qualified[0].lastIndexOf('.'));
  if (isLogTable(context, table)) return { conflict: 'duplicate-step' };
  const names = qualified
    .filter((q) => q.includes('.'))
    .map((q) => q.slice(q.lastIndexOf('.') + 1));
  return { unique: fieldsNamed(names, context), detail: message };
}

function isLogTable(context: FailureContext, table: unknown): boolean {
  if (context.logTable === undefined || typeof table !== 'string') return false;
  return table === context.logTable || context.logTable.endsWith(`.${table}`);
}

function fieldsNamed(names: readonly string[], context: FailureContext): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of names) {
    fields[name] =
      context.values !== undefined && Object.hasOwn(context.values, name)
        ? context.values[name]
        : undefined;
  }
  return fields;
}

const MAPPERS = { postgres: pgError, mysql: mysqlError, sqlite: sqliteError } satisfies Record<
  SqlDialect,
  unknown
>;

/**
 * A driver's error as the runtime's typed one: a conflict with a concurrent transaction
 * (`DatabaseConflictError`, retryable) or a unique violation (`UniqueViolationError`), naming
 * the model and row, the driver's error as cause; a value the database refused, or a statement
 * it canceled (statement_timeout) other than while waiting for a row lock, a
 * `KyselyAdapterError` naming them; any other error unchanged.
 */
export function typedError(error: unknown, context: FailureContext): unknown {
  if (typeof error !== 'object' || error === null || error instanceof StateMachineError) {
    return error;
  }
  const mapped = MAPPERS[context.dialect](error as DriverError, context);
  if (mapped === undefined) return error;
  const { code, errno } = error as DriverError;
  if ('refused' in mapped) {
    const what = mapped.column === undefined ? context.model : `${context.model}.${mapped.column}`;
    const id = context.id === undefined ? '' : ` ${describeId(context.id)}`;
    const subject = `${what}${id}`.trim();
    return new KyselyAdapterError(
      `${subject === '' ? '' : `${subject}: `}${mapped.refused}`,
      error,
    );
  }
  if ('conflict' in mapped) {
    return new DatabaseConflictError(mapped.conflict, {
      model: context.model,
      id: context.id,
      code: typeof code === 'string' ? code : errno === undefined ? undefined : String(errno),
      cause: error,
    });
  }
  return new UniqueViolationError(context.model, mapped.unique, {
    cause: error,
    detail: mapped.detail,
  });
}

const describeId = (id: unknown) => (typeof id === 'bigint' ? `${id}n` : JSON.stringify(id));
