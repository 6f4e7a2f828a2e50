import type { Table } from 'drizzle-orm';
import { enclosingTransaction, runTransactionCallback } from './async-transaction-scope.js';
import { reentryError } from './lock-timeout.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../orm-adapter.js';
import { DEFAULT_TRANSITION_LOG_TABLE } from './sql/transition-log-ddl.js';
import type { ConnectionDriver } from './drizzle/connection-driver.js';
import { typedConflict } from './drizzle/database-errors.js';
import { dialectOf } from './drizzle/dialect.js';
import { DrizzleAdapterError } from './drizzle/drizzle-adapter-error.js';
import type { DrizzleDatabase, DrizzleTransactionOf, QueryDb } from './drizzle/drizzle-types.js';
import { ModelTables } from './drizzle/model-tables.js';
import { PgDriver } from './drizzle/pg-driver.js';
import { rawSql } from './drizzle/raw-sql.js';
import { DrizzleRows } from './drizzle/row-operations.js';
import { DrizzleQueries } from './drizzle/row-queries.js';
import { SqliteDriver } from './drizzle/sqlite-driver.js';
import {
  DrizzleTransaction,
  type AdapterContext,
  type TransactionRun,
} from './drizzle/transaction-handle.js';
import { DrizzleTransitionLog } from './drizzle/transition-log.js';
import { DEFAULT_TIMER_TABLE } from './sql/timer-table-ddl.js';
import { SqlTimers } from './sql/timer-sql.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';

export { DrizzleAdapterError } from './drizzle/drizzle-adapter-error.js';
export { DrizzleTransaction } from './drizzle/transaction-handle.js';
export type { DrizzleDatabase, DrizzleTransactionOf } from './drizzle/drizzle-types.js';
export {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogDdl,
  transitionLogStatements,
} from './sql/transition-log-ddl.js';
export { DEFAULT_TIMER_TABLE, timerTableDdl, timerTableStatements } from './sql/timer-table-ddl.js';

export interface DrizzleAdapterOptions {
  /** Model name → its Drizzle table (`{ Order: orders }`); a row's fields are the table's JS keys. */
  readonly tables: Readonly<Record<string, Table>>;
  /**
   * Write every transition to a log table in the transition's own transaction. The table
   * (default `smf_transitions`, see `transitionLogDdl`) is created if missing, before the
   * adapter's first transaction.
   */
  readonly transitionLog?: boolean | { readonly table?: string };
  /**
   * On better-sqlite3 (and Postgres on a single pg Client rather than a Pool): how long, in ms,
   * a transaction waits for the connection and the write lock. Default 5000.
   */
  readonly busyTimeout?: number;
  /**
   * The durable timers' table (default `smf_timers`), made by your migrations from
   * `timerTableDdl(dialect)`.
   */
  readonly timerTable?: string;
}

// Its timer operations are assigned in the constructor (see `adapterTimerMethods`); the type
// parameter is the class's own.
/* oxlint-disable typescript/no-unsafe-declaration-merging, no-unused-vars */
export interface DrizzleAdapter<
  TDb extends DrizzleDatabase = DrizzleDatabase,
> extends TimerOperations {}
/* oxlint-enable typescript/no-unsafe-declaration-merging, no-unused-vars */

/**
 * The ORM adapter over Drizzle (`state-machine-framework/adapters/drizzle`), on PostgreSQL
 * (tested with node-postgres) or better-sqlite3.
 *
 * - Models are stored in the Drizzle tables given (`tables`); fields are the tables' JS keys and
 *   values go through the columns' own modes (bigint, timestamp, json, boolean…), so a row reads
 *   back as its table declares it. An unknown model or field is a `DrizzleAdapterError` naming
 *   `Model.field` and the table's fields; an undefined filter is refused, a null one is IS NULL.
 * - `transaction()`: on Postgres Drizzle's own `db.transaction` (a pooled connection of its own,
 *   so transactions run side by side); on better-sqlite3 BEGIN IMMEDIATE … COMMIT on its one
 *   connection, transactions taking turns (shared with every SQLite or Drizzle adapter on the
 *   same Database object). Nested transactions are savepoints; started together on one handle,
 *   they run one after the other, each rolled back or released alone. The handle (`DrizzleTransaction`)
 *   gives the live Drizzle transaction as `db` — `meta.adapter.db` in a handler — and refuses
 *   work once its transaction ended; `onCommit(callback)` runs after the outermost COMMIT.
 * - `get`/`filter` with `{ lock: 'wait' | 'nowait' }` read `FOR UPDATE` (`NOWAIT`) on Postgres.
 * - Database errors are typed: serialization failures, deadlocks and lock waits are
 *   `DatabaseConflictError` (retryable), unique violations `UniqueViolationError` with the
 *   clashing fields, the driver's error as `cause`.
 * - `transitionLog`: the table of `transitionLogDdl(dialect)`, one INSERT per transition numbering
 *   it per entity; a second writer of the same step is `DatabaseConflictError('duplicate-step')`.
 * - The adapter itself called from inside its own transaction (rather than the handle) fails at
 *   once with `AdapterReentryError`, synchronously or anywhere the transaction's callback
 *   continues (after awaits, in savepoints) while it is open; onCommit callbacks are free to use
 *   it. "Itself" is this instance: another adapter on the same database is not refused.
 */
export class DrizzleAdapter<TDb extends DrizzleDatabase = DrizzleDatabase> implements ORMAdapter {
  /** The Drizzle database given. */
  readonly db: TDb;
  readonly dialect: 'postgres' | 'sqlite';
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly #context: AdapterContext;
  readonly #rows: DrizzleRows;
  /** An open transaction handle of this adapter (another adapter on the same database is not). */
  readonly #owns = (tx: object): boolean =>
    tx instanceof DrizzleTransaction && tx.isOpenOn(this.#context);
  #logReady: Promise<void> | undefined;

  constructor(db: TDb, options: DrizzleAdapterOptions) {
    const busyTimeout = options?.busyTimeout ?? 5000;
    if (!Number.isInteger(busyTimeout) || busyTimeout <= 0) {
      throw new DrizzleAdapterError(
        `busyTimeout must be a whole number of milliseconds > 0, got ${String(busyTimeout)}`,
      );
    }
    this.db = db;
    const dialect = dialectOf(db);
    this.dialect = dialect;
    const tables = new ModelTables(options?.tables);
    const driver: ConnectionDriver =
      dialect === 'postgres' ? new PgDriver(db, busyTimeout) : new SqliteDriver(db, busyTimeout);
    const logOption = options.transitionLog;
    const log = logOption
      ? new DrizzleTransitionLog(
          dialect,
          (logOption === true ? undefined : logOption.table) ?? DEFAULT_TRANSITION_LOG_TABLE,
        )
      : undefined;
    const timers = new SqlTimers(dialect, options.timerTable ?? DEFAULT_TIMER_TABLE);
    this.#context = { dialect, tables, log, driver, timers };
    Object.assign(
      this,
      adapterTimerMethods((fn) => this.transaction(fn)),
    );
    this.#rows = new DrizzleRows(db as unknown as QueryDb, dialect, tables);
    if (log !== undefined) {
      this.recordTransition = (entry) => this.transaction((tx) => tx.recordTransition!(entry));
      this.readTransitions = (machine, entityId) =>
        this.#outside('readTransitions', async () => {
          await this.#ensureLog();
          return log.read(rawSql(db, dialect), machine, entityId);
        });
    }
  }

  create(model: string, data: Row): Promise<Row> {
    if (this.dialect === 'sqlite') return this.transaction((tx) => tx.create(model, data));
    return this.#outside('create', () => this.#rows.create(model, data));
  }

  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    // A lock outside a transaction would end with the statement: the read alone is what is asked.
    return this.#outside('get', () => this.#rows.get(model, filters, options));
  }

  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#outside('filter', () => this.#rows.filter(model, filters, options));
  }

  update(model: string, filters: Filters, changes: Row): Promise<number> {
    if (this.dialect === 'sqlite')
      return this.transaction((tx) => tx.update(model, filters, changes));
    return this.#outside('update', () => this.#rows.update(model, filters, changes));
  }

  delete(model: string, filters: Filters): Promise<number> {
    if (this.dialect === 'sqlite') return this.transaction((tx) => tx.delete(model, filters));
    return this.#outside('delete', () => this.#rows.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#outside('findPage', () => this.#queries().page(model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#outside('countGrouped', () => this.#queries().countGrouped(model, field, values));
  }
  #queries(): DrizzleQueries {
    return new DrizzleQueries(this.db as unknown as QueryDb, this.#context.tables);
  }

  /**
   * BEGIN; COMMIT when `fn` resolves, ROLLBACK when it throws. `onCommit` callbacks queued in it
   * run after the COMMIT, once the connection is free again, before this promise resolves.
   */
  transaction<R>(fn: (tx: DrizzleTransaction<TDb>) => Promise<R>): Promise<R> {
    const refused = this.#reentry('transaction');
    if (refused) return Promise.reject(refused);
    const { driver } = this.#context;
    let handle: DrizzleTransaction<TDb> | undefined;
    const outcome = driver.turn(async () => {
      await this.#ensureLog();
      const run: TransactionRun = { ended: false };
      return driver.outermost(async (tx) => {
        const scope = new DrizzleTransaction<TDb>(this.#context, tx, 0, run);
        handle = scope;
        try {
          return await runTransactionCallback(scope, fn);
        } finally {
          run.ended = true;
        }
      });
    });
    return outcome.then(
      (value) => {
        const callbacks = handle?.takeCommitCallbacks();
        return callbacks ? callbacks.runAll(this).then(() => value) : value;
      },
      (error: unknown) => {
        throw typedConflict(error);
      },
    );
  }

  /**
   * The live Drizzle transaction of a handle of this adapter — `adapter.txOf(meta.adapter)` in a
   * handler, typed as your `db.transaction` gives it (`meta.adapter` itself is typed as any
   * adapter). Fails for anything else, or a handle whose transaction has ended.
   */
  txOf(adapter: ORMAdapter): DrizzleTransactionOf<TDb> {
    if (adapter instanceof DrizzleTransaction && adapter.isOpenOn(this.#context)) {
      return (adapter as DrizzleTransaction<TDb>).db;
    }
    throw new DrizzleAdapterError(
      'txOf() takes a live transaction handle of this adapter (meta.adapter in a hook or handler, or the tx of adapter.transaction(tx => …)); in afterCommit handlers meta.adapter is the adapter itself',
    );
  }

  /** The identifier field names the row in error messages (the primary key does by default). */
  describeModel(model: string, description: ModelDescription): void {
    try {
      this.#context.tables.get(model).identifierField = description.identifierField;
    } catch {
      // A model without a table fails when it is first used, with the tables that exist.
    }
  }

  /** The transition log's table, created before the first transaction that might write it. */
  #ensureLog(): Promise<void> | undefined {
    const { log, driver, dialect } = this.#context;
    if (log === undefined) return undefined;
    this.#logReady ??= driver
      .outermost((tx) => log.ensureTable(rawSql(tx, dialect)))
      .catch((error: unknown) => {
        this.#logReady = undefined;
        throw error;
      });
    return this.#logReady;
  }

  /** Outside a transaction an operation waits its turn where the connection is shared. */
  #outside<R>(operation: string, run: () => Promise<R>): Promise<R> {
    const refused = this.#reentry(operation);
    if (refused) return Promise.reject(refused);
    return this.#context.driver.turn(run);
  }

  /**
   * A call from inside one of this adapter's own open transactions — synchronously or anywhere
   * its callback continues — would wait for itself (a connection or rows it holds) or commit
   * outside it.
   */
  #reentry(operation: string): Error | undefined {
    if (enclosingTransaction(this.#owns) === undefined) return undefined;
    return reentryError('DrizzleAdapter', operation);
  }
}
