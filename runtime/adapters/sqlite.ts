import Database from 'better-sqlite3';
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { AdapterReentryError } from '../errors.js';
import { currentTransaction } from './current-transaction.js';
import type {
  Filters,
  ORMAdapter,
  PageQuery,
  Row,
  TransitionLogEntry,
  AdapterMethod,
} from '../orm-adapter.js';
import { SqliteConnection } from './sqlite/connection.js';
import { SqliteAdapterError } from './sqlite/sqlite-errors.js';
import { quoteIdentifier } from './sqlite/table-schema.js';
import { runOutermostTransaction, type Committed } from './sqlite/outermost-transaction.js';
import { SqliteTransactionScope } from './sqlite/transaction-scope.js';
import { DEFAULT_TRANSITION_LOG_TABLE } from './sqlite/transition-log.js';
import { SqlTimers } from './sql/timer-sql.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';

export { SqliteAdapterError, SqliteBusyError } from './sqlite/sqlite-errors.js';
export { DEFAULT_TRANSITION_LOG_TABLE, transitionLogDdl } from './sqlite/transition-log.js';
export { DEFAULT_TIMER_TABLE, sqliteTimerTableDdl } from './sqlite/timer-ddl.js';

export interface SqliteAdapterOptions {
  /** Model name → table name. A model not listed is stored in the table of its own name. */
  readonly tables?: Readonly<Record<string, string>>;
  /**
   * Write every transition to a log table in the transition's own transaction. The table
   * (default `smf_transitions`, see `transitionLogDdl`) is created if it does not exist.
   */
  readonly transitionLog?: boolean | { readonly table?: string };
  /**
   * How long a transaction waits for the write lock, and a call for this connection's running
   * transaction, in ms. Default 5000.
   */
  readonly busyTimeout?: number;
  /**
   * The durable timers' table (default `smf_timers`), made by your migrations from
   * `timerTableDdl` (or `sqliteTimerTableDdl`).
   */
  readonly timerTable?: string;
}

// Its timer operations are assigned in the constructor (see `adapterTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface SqliteAdapter extends TimerOperations {}

/**
 * The ORM adapter for SQLite through better-sqlite3 (`state-machine-framework/adapters/sqlite`).
 *
 * - Opens a file (or takes an open Database) and turns on WAL, foreign keys and a busy timeout.
 *   `close()` waits for queued work and closes a file the adapter opened itself.
 * - Model → table through `tables` (default: the model's name). Columns are a row's keys,
 *   checked against the table (PRAGMA table_info, cached; re-read once before a column is
 *   reported unknown), so a typo fails with the model, the column and the known columns.
 * - Values: every value reads back exactly as written, or is refused with a `SqliteAdapterError`
 *   naming `Model.column`, the value and what to do, before anything is written. The column's
 *   declared type decides what it holds (table in `sqlite/codecs.ts`): TEXT columns take strings;
 *   INTEGER/REAL/NUMERIC columns numbers (not -0) and text SQLite would not turn into a number;
 *   untyped/BLOB columns numbers, strings and bytes; BOOLEAN booleans, JSON values JSON gives back
 *   equal, DATETIME/TIMESTAMP Dates, BIGINT bigints (a number there is refused: it would read back
 *   as a bigint); STRICT tables by their types; an INTEGER PRIMARY KEY (the rowid) integers
 *   only, null or left out to have SQLite assign one. NaN is refused everywhere, null is NULL.
 *   Safe integers are stored as SQLite INTEGERs. An integer is never read back rounded: one past
 *   2^53 that no number holds exactly (say an id SQLite assigned after 2^53) fails the read with
 *   a `SqliteAdapterError` naming `Model.column` and saying to declare the column BIGINT (a
 *   create that would return it rolls back). JSON nested over 1000 levels deep is refused. An
 *   undefined value leaves its column out (so its default applies); an undefined filter is an
 *   error rather than a filter that matches everything; a null filter means IS NULL. Filter
 *   values are encoded like written ones, so a filter finds what was written with the same
 *   value, and one that could never have been written is refused like the write would be.
 * - A UNIQUE or PRIMARY KEY violation is `UniqueViolationError` (the fields and values SQLite
 *   names, the SqliteError as cause).
 * - `transaction()` is BEGIN IMMEDIATE … COMMIT, nested ones are savepoints. One Database object
 *   is one connection, shared by every adapter created on it: their outermost transactions run
 *   one at a time in call order, and operations called on an adapter itself wait for the running
 *   transaction (writes there run in a transaction of their own). Such a wait is bounded by
 *   `busyTimeout`, then fails with `AdapterReentryError`; a call from inside the adapter's own
 *   transaction (the root adapter rather than the handle, while a transaction or savepoint
 *   callback or a handler runs — see `current-transaction.ts`) fails at once with it. A handle
 *   refuses work after its transaction ended. Transaction handles also offer their operations
 *   synchronously (`sync`, see `SyncAdapterOps`), so the runtime runs a transition in one as plain
 *   code, and `onCommit(callback)`: run after the outermost COMMIT, once the connection is free
 *   again (a callback may open a transaction), before `transaction()` resolves; dropped when the
 *   handle's savepoint or any enclosing transaction rolls back.
 * - Two connections on one file (two Database objects, or two processes): the write lock is
 *   taken at BEGIN, so a transaction reads what the last one committed and a compare-and-set
 *   never races. This process's connections to a file take turns at the lock first come, first
 *   served (one that just committed cannot overtake one already waiting); the first in line
 *   polls every few ms while another process holds it, without blocking the event loop (SQLite's
 *   own busy wait would freeze the process, and with it a holder in the same process). After
 *   `busyTimeout` ms of waiting in all it fails with `SqliteBusyError`, which says how long it
 *   waited.
 * - With `transitionLog`, each transition is a row of `smf_transitions` written in the
 *   transition's savepoint, numbered per entity (`seq`); the table is created if missing
 *   (`transitionLogDdl` gives its DDL for migrations). `readTransitions` (and the machine's
 *   `history`) read one entity's steps; `readTransitionLog` the whole log, the identifier as
 *   the log keeps it (text).
 */
export class SqliteAdapter implements ORMAdapter {
  /** The better-sqlite3 connection, for the schema and queries of your own. */
  readonly database: BetterSqliteDatabase;
  readonly #connection: SqliteConnection;
  readonly #tables: Readonly<Record<string, string>>;
  readonly #ownsDatabase: boolean;
  #closed = false;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(database: string | BetterSqliteDatabase, options: SqliteAdapterOptions = {}) {
    const busyTimeout = options.busyTimeout ?? 5000;
    if (!Number.isInteger(busyTimeout) || busyTimeout < 0) {
      throw new SqliteAdapterError(
        `busyTimeout must be a whole number of milliseconds ≥ 0, got ${busyTimeout}`,
      );
    }
    this.#ownsDatabase = typeof database === 'string';
    this.database = typeof database === 'string' ? new Database(database) : database;
    this.#tables = options.tables ?? {};
    const log = options.transitionLog;
    const logTable = log
      ? ((log === true ? undefined : log.table) ?? DEFAULT_TRANSITION_LOG_TABLE)
      : undefined;
    try {
      const tableFor = (model: string) => this.#tableFor(model);
      this.#connection = new SqliteConnection(this.database, tableFor, busyTimeout, logTable);
    } catch (error) {
      if (this.#ownsDatabase) this.database.close();
      throw error;
    }
    if (options.timerTable !== undefined) {
      this.#connection.timers = new SqlTimers('sqlite', options.timerTable);
    }
    Object.assign(
      this,
      adapterTimerMethods((fn) => this.transaction(fn)),
    );
    if (logTable !== undefined) {
      this.recordTransition = (entry) => this.transaction((tx) => tx.recordTransition!(entry));
      const transitionLog = this.#connection.transitionLog;
      this.readTransitions = (machine, entityId) =>
        this.#read(() => transitionLog!.read(machine, entityId));
    }
  }

  create(model: string, data: Row): Promise<Row> {
    return this.transaction((tx) => tx.create(model, data));
  }

  get(model: string, filters: Filters): Promise<Row> {
    return this.#read(() => this.#connection.rows.getOne(model, filters));
  }

  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#read(() => this.#connection.rows.select(model, filters));
  }

  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.transaction((tx) => tx.update(model, filters, changes));
  }

  delete(model: string, filters: Filters): Promise<number> {
    return this.transaction((tx) => tx.delete(model, filters));
  }

  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#read(() => this.#connection.queries.page(model, query));
  }

  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#read(() => this.#connection.queries.countGrouped(model, field, values));
  }

  /** BEGIN IMMEDIATE; COMMIT when `fn` resolves, ROLLBACK when it throws. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return this.#inTurn(() => runOutermostTransaction(this.#connection, fn)).then((committed) =>
      runCommitCallbacks(committed, this),
    );
  }

  /**
   * For tests and demos: CREATE TABLE IF NOT EXISTS for a model's table, columns given as SQL
   * (`{ orderId: 'TEXT PRIMARY KEY', status: 'TEXT NOT NULL' }`). Real schemas belong to your
   * migrations; this does no more.
   */
  async createTable(model: string, columns: Readonly<Record<string, string>>): Promise<void> {
    const definitions = Object.entries(columns).map(
      ([name, type]) => `${quoteIdentifier(name)} ${type}`,
    );
    const table = quoteIdentifier(this.#tableFor(model));
    await this.transaction(async () => {
      this.database.exec(`CREATE TABLE IF NOT EXISTS ${table} (${definitions.join(', ')})`);
    });
  }

  /** The whole persisted transition log, in the order written. */
  readTransitionLog(): Promise<TransitionLogEntry[]> {
    const log = this.#connection.transitionLog;
    if (log === undefined) {
      return Promise.reject(
        new SqliteAdapterError(
          'the transition log is off; create the adapter with { transitionLog: true }',
        ),
      );
    }
    return this.#read(() => log.readAll());
  }

  /**
   * Waits for queued transactions, then closes the connection if this adapter opened it (a
   * Database passed in stays open for its owner). Later calls fail.
   */
  async close(): Promise<void> {
    this.#assertNotInsideOwnTransaction('close()');
    if (this.#closed) return;
    await this.#connection.lane.queue.run(
      async () => {
        if (this.#closed) return;
        this.#closed = true;
        if (this.#ownsDatabase) this.database.close();
      },
      this.#connection.busyTimeout,
      this.#waitedTooLong,
    );
  }

  /** Reads outside a transaction need no lock (WAL), only their turn on this connection. */
  #read<R>(read: () => R): Promise<R> {
    return this.#inTurn(async () => read());
  }

  /**
   * Runs `job` in this connection's turn (shared with every adapter on the same Database), after
   * the transactions queued before it. A call from inside one of those transactions would wait
   * for itself, so it fails at once, and any wait is bounded by busyTimeout.
   */
  #inTurn<R>(job: () => Promise<R>): Promise<R> {
    try {
      this.#assertNotInsideOwnTransaction('the adapter');
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#connection.lane.queue.run(
      () => {
        this.#assertOpen();
        return job();
      },
      this.#connection.busyTimeout,
      this.#waitedTooLong,
    );
  }

  #assertNotInsideOwnTransaction(what: string): void {
    const current = currentTransaction();
    if (
      current instanceof SqliteTransactionScope &&
      current.lane === this.#connection.lane &&
      current.active
    ) {
      throw new AdapterReentryError(
        'SqliteAdapter',
        `${what} was called from inside its own transaction on ${this.database.name}, which holds the connection until it ends`,
      );
    }
  }

  readonly #waitedTooLong = (waitedMs: number): Error =>
    new AdapterReentryError(
      'SqliteAdapter',
      `a call waited ${waitedMs} ms (busyTimeout) for a transaction running on this connection to ${this.database.name} that did not end meanwhile. If that transaction is waiting for this call, it never will; if it is merely long, raise busyTimeout`,
    );

  #tableFor(model: string): string {
    return (Object.hasOwn(this.#tables, model) ? this.#tables[model] : undefined) ?? model;
  }

  #assertOpen(): void {
    if (this.#closed)
      throw new SqliteAdapterError(`the adapter for ${this.database.name} is closed`);
  }
}

/** After the connection's turn was given back, so a callback may open a new transaction. */
function runCommitCallbacks<R>(
  { result, callbacks }: Committed<R>,
  adapter: ORMAdapter,
): R | Promise<R> {
  return callbacks === undefined ? result : callbacks.runAll(adapter).then(() => result);
}
