import { enclosingTransaction, runTransactionCallback } from './async-transaction-scope.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../orm-adapter.js';
import type { PgPool } from './pg/driver-types.js';
import { PgRows } from './pg/row-operations.js';
import { SchemaCache, type RunStatement } from './pg/table-schema.js';
import { PgTransitionLog } from './pg/transition-log.js';
import { PgTransactionHandle, type HandleShared } from './pg/transaction-handle.js';
import { runOutermost, withPooledClient } from './pg/outermost.js';
import { AdapterReentryError } from '../errors.js';
import { DEFAULT_TRANSITION_LOG_TABLE } from './sql/transition-log-ddl.js';
import { DEFAULT_TIMER_TABLE } from './sql/timer-table-ddl.js';
import { SqlTimers } from './sql/timer-sql.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';

export type { PgPool, PgPoolClient, PgQueryConfig, PgTypeParsers } from './pg/driver-types.js';
export { PgAdapterError } from './pg/pg-adapter-error.js';
export { pgTransitionLogDdl, pgTransitionLogStatements } from './pg/log-ddl.js';
export { pgTimerTableDdl, pgTimerTableStatements } from './pg/timer-ddl.js';
export { DEFAULT_TIMER_TABLE } from './sql/timer-table-ddl.js';
export { DEFAULT_TRANSITION_LOG_TABLE };

export interface PgAdapterOptions {
  /**
   * Model name → table name. A model not listed is stored in the table of its own name. A name
   * with a dot is schema-qualified (`app.orders`); without one the connection's search_path
   * finds it.
   */
  readonly tables?: Readonly<Record<string, string>>;
  /**
   * Log every transition in its own transaction to a table (default `smf_transitions`, one
   * identifier on the search_path; see `pgTransitionLogDdl`), created on first use if missing.
   */
  readonly transitionLog?: boolean | { readonly table?: string };
  /**
   * The durable timers' table (default `smf_timers`, one identifier on the search_path), made by
   * your migrations from `pgTimerTableDdl`.
   */
  readonly timerTable?: string;
}

// Its timer operations are assigned in the constructor (see `adapterTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface PgAdapter extends TimerOperations {}

/**
 * The ORM adapter for PostgreSQL through node-postgres 8 (`state-machine-framework/adapters/pg`).
 *
 * - Takes a `pg.Pool` (anything with its `connect()`). `transaction()` takes one client for
 *   BEGIN … COMMIT (ROLLBACK when the callback rejects) and gives it back after; a client whose
 *   connection failed is destroyed. Calls on the adapter itself run in autocommit on a pooled
 *   client. Nested `transaction()` calls on a handle are savepoints.
 * - Round trips: BEGIN and savepoint statements ride with the next statement (see `PgSession`),
 *   so a transition costs the round trips of its own statements.
 * - Model → table through `tables`; fields are columns as they are, quoted. Columns are read from
 *   the catalog once per table; a value a column would not give back as written is refused before
 *   anything is sent (`PgAdapterError` naming `Model.column`): integer/smallint take and give
 *   numbers, bigint bigints (safe-integer numbers accepted), numeric strings (exact; numbers
 *   accepted), boolean booleans, timestamp(tz) Dates (`timestamp` as UTC), json/jsonb any JSON
 *   value (arrays included), text types and enums strings. Other types go through node-postgres
 *   as usual. NULL is null. Parsing is per query, so the pool's own type parsers are untouched.
 *   Past a type's range, numeric text that is no number, NUL in text or jsonb and Dates before
 *   4714 BC are refused too. `DateStyle` and `extra_float_digits` are pinned with `SET LOCAL`
 *   riding with BEGIN, so dates and doubles read back whatever the database or pool sets.
 * - `get`/`filter` with `{ lock: 'wait' }` read `FOR UPDATE`, with `'nowait'` `FOR UPDATE NOWAIT`.
 * - Errors by SQLSTATE: serialization failure (40001), deadlock (40P01) and lock not available
 *   (55P03: `lock-unavailable` with nowait, else `lock-timeout`) are `DatabaseConflictError`s;
 *   a unique violation is `UniqueViolationError` (fields from the server's detail), on the
 *   transition log `DatabaseConflictError` ('duplicate-step'). What the server still refuses
 *   (class 22) and a canceled statement are `PgAdapterError`s naming the model and row
 *   (statement_timeout on a locked read: 'lock-timeout'). The pg error is the `cause`.
 * - A transaction that cannot commit because an error inside it was swallowed (Postgres answers
 *   COMMIT with ROLLBACK then) fails with `PgAdapterError` instead of seeming to commit.
 * - `onCommit(callback)` on a handle: run after the outermost COMMIT, once the client is back in
 *   the pool, before `transaction()` resolves; dropped on rollback of its savepoint or any
 *   enclosing transaction.
 * - The adapter itself called from inside its own transaction (instead of the handle) fails at
 *   once with `AdapterReentryError`: it would run outside the transaction, on another connection
 *   (waiting for ever on a pool it has exhausted), and wait for the rows the transaction locked.
 *   That holds anywhere the transaction's callback continues, after awaits and in savepoints,
 *   while the transaction is open; onCommit callbacks and what runs after the end are free to
 *   use it. "Itself" is this instance: another PgAdapter on the same pool is not refused.
 */
export class PgAdapter implements ORMAdapter {
  /** The pool the adapter takes clients from. */
  readonly pool: PgPool;
  readonly #shared: HandleShared;
  /** An open transaction handle of this adapter (not of another one on the same pool). */
  readonly #owns = (tx: object): boolean =>
    tx instanceof PgTransactionHandle && tx.open && tx.shares(this.#shared);
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(pool: PgPool, options: PgAdapterOptions = {}) {
    if (typeof (pool as Partial<PgPool> | null)?.connect !== 'function') {
      throw new TypeError('PgAdapter needs a pg Pool (an object with connect())');
    }
    this.pool = pool;
    const tables = options.tables ?? {};
    const tableFor = (model: string) =>
      (Object.hasOwn(tables, model) ? tables[model] : undefined) ?? model;
    const rows = new PgRows(new SchemaCache(tableFor));
    const setting = options.transitionLog;
    const log = setting
      ? new PgTransitionLog(
          (setting === true ? undefined : setting.table) ?? DEFAULT_TRANSITION_LOG_TABLE,
        )
      : undefined;
    const timers = new SqlTimers('postgres', options.timerTable ?? DEFAULT_TIMER_TABLE);
    this.#shared = { rows, log, timers };
    Object.assign(
      this,
      adapterTimerMethods((fn) => this.transaction(fn)),
    );
    if (log !== undefined) {
      this.recordTransition = (entry) =>
        this.#autocommit('recordTransition', (run) => log.record(run, entry), log);
      this.readTransitions = (machine, entityId) =>
        this.#autocommit('readTransitions', (run) => log.read(run, machine, entityId), log);
    }
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#autocommit('create', (run) => this.#shared.rows.create(run, model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#autocommit('get', (run) => this.#shared.rows.get(run, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#autocommit('filter', (run) =>
      this.#shared.rows.filter(run, model, filters, options),
    );
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#autocommit('update', (run) =>
      this.#shared.rows.update(run, model, filters, changes),
    );
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#autocommit('delete', (run) => this.#shared.rows.delete(run, model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#autocommit('findPage', (run) => this.#shared.rows.page(run, model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#autocommit('countGrouped', (run) =>
      this.#shared.rows.countGrouped(run, model, field, values),
    );
  }

  describeModel(model: string, description: ModelDescription): void {
    this.#shared.rows.identifiers.set(model, description.identifierField);
  }

  /** BEGIN … COMMIT on one pooled client, ROLLBACK when `fn` rejects; then the onCommit callbacks. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const refused = this.#reentry('transaction');
    if (refused) return Promise.reject(refused);
    return runOutermost(this.pool, this.#shared.log, (session) => {
      const tx = new PgTransactionHandle(session, this.#shared);
      return { tx, run: () => runTransactionCallback(tx, fn) };
    }).then(({ value, callbacks }) =>
      callbacks === undefined ? value : callbacks.runAll(this).then(() => value),
    );
  }

  /** `job` on a pooled client in autocommit; with `log`, its table is made sure of first. */
  #autocommit<R>(
    operation: string,
    job: (run: RunStatement) => Promise<R>,
    log?: PgTransitionLog,
  ): Promise<R> {
    const refused = this.#reentry(operation);
    if (refused) return Promise.reject(refused);
    return withPooledClient(this.pool, log, job);
  }

  /**
   * A call on the adapter from inside one of its own open transactions: in the callback's
   * synchronous part, a handler, or anywhere the callback continues after an await.
   */
  #reentry(operation: string): Error | undefined {
    if (enclosingTransaction(this.#owns) === undefined) return undefined;
    return new AdapterReentryError(
      'PgAdapter',
      `${operation}() was called on the adapter itself from inside one of its own transactions; it would run outside that transaction on another connection, and wait for the rows that transaction has locked`,
    );
  }
}
