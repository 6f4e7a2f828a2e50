import type { Kysely, Transaction } from 'kysely';
import { enclosingTransaction } from './async-transaction-scope.js';
import { lockTimeoutLimit, reentryError } from './lock-timeout.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../orm-adapter.js';
import { SerialQueue } from './serial-queue.js';
import { DEFAULT_TRANSITION_LOG_TABLE } from './sql/transition-log-ddl.js';
import { detectDialect, type SqlDialect } from './kysely/dialect.js';
import { KyselyAdapterError } from './kysely/kysely-adapter-error.js';
import { runOutermostTransaction } from './kysely/outermost-transaction.js';
import type { QueryRunner } from './kysely/raw-query.js';
import { RowStore } from './kysely/row-store.js';
import { sqlText } from './kysely/sql-text.js';
import { TableSchemas } from './kysely/table-schemas.js';
import { KyselyTransaction, type KyselyTransactionAdapter } from './kysely/transaction-handle.js';
import { TransitionLogTable } from './kysely/transition-log.js';
import { setKyselyTimers } from './kysely/kysely-timers.js';
import { DEFAULT_TIMER_TABLE } from './sql/timer-table-ddl.js';
import { SqlTimers } from './sql/timer-sql.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';

export { KyselyAdapterError } from './kysely/kysely-adapter-error.js';
export type { KyselyTransactionAdapter } from './kysely/transaction-handle.js';
export type { SqlDialect } from './kysely/dialect.js';
export {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogDdl,
  transitionLogStatements,
} from './sql/transition-log-ddl.js';
export { DEFAULT_TIMER_TABLE, timerTableDdl, timerTableStatements } from './sql/timer-table-ddl.js';

export interface KyselyAdapterOptions {
  /** Model name → table name (`schema.table` allowed). A model not listed uses its own name. */
  readonly tables?: Readonly<Record<string, string>>;
  /**
   * Write every transition to a log table in the transition's own transaction. The table
   * (default `smf_transitions`, see `transitionLogDdl`) is created if it does not exist.
   */
  readonly transitionLog?: boolean | { readonly table?: string };
  /** The SQL dialect, when it cannot be told from the Kysely instance. */
  readonly dialect?: SqlDialect;
  /**
   * SQLite (one connection): how long, in ms, a call waits for a transaction running on the
   * adapter before it fails with `AdapterReentryError`. Default 5000; `Infinity` for no limit.
   */
  readonly lockTimeout?: number;
  /**
   * The durable timers' table (default `smf_timers`, a plain name in the connection's schema),
   * made by your migrations from `timerTableDdl(dialect)`.
   */
  readonly timerTable?: string;
}

const NAME = 'KyselyAdapter';

/** The adapters on one Kysely dialect share its connections, and so its lane. */
interface Lane {
  /** SQLite's single connection: the adapter's work on it, one job at a time. */
  readonly queue: SerialQueue | undefined;
}
const lanes = new WeakMap<object, Lane>();

function laneOf(db: Kysely<any>, dialect: SqlDialect, lockTimeout: number | undefined): Lane {
  const key = db.getExecutor().adapter;
  let lane = lanes.get(key);
  if (lane === undefined) {
    const limit = lockTimeoutLimit(NAME, lockTimeout ?? 5000);
    lane = { queue: dialect === 'sqlite' ? new SerialQueue(limit) : undefined };
    lanes.set(key, lane);
  }
  return lane;
}

// Its timer operations are assigned in the constructor (see `adapterTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging, no-unused-vars -- the class's own
export interface KyselyAdapter<DB> extends TimerOperations {}

/**
 * The ORM adapter for Kysely (`state-machine-framework/adapters/kysely`), on its PostgreSQL,
 * MySQL / MariaDB and SQLite dialects, through the Kysely instance the application already has
 * (kysely stays an optional peer dependency: the adapter imports only its types).
 *
 * - The dialect is told from the instance (its dialect adapter's class, else how it compiles a
 *   query), or given as `dialect`. Model → table through `tables` (`schema.table` allowed; the
 *   default is the model's name). The adapter's own statements ignore the instance's plugins
 *   (CamelCasePlugin, withSchema): row keys are column names.
 * - Columns are read from the catalog on a table's first use (re-read once before a column is
 *   reported unknown), and each gets a codec, so every dialect gives back the same values:
 *   integers as numbers; BIGINT as bigints, DECIMAL / NUMERIC as their digits (a string), and
 *   JSON as the parsed value, all three read as text so no driver setting rounds or reshapes
 *   them (mysql2 without supportBigNumbers, a pg type parser); booleans as booleans (MySQL
 *   TINYINT(1), SQLite 0 / 1 in a BOOLEAN column); timestamps as Dates (PostgreSQL and MySQL:
 *   the driver writes and parses them, `timestamp without time zone` and DATETIME in the
 *   process's time zone unless the driver is told otherwise; SQLite DATETIME / TIMESTAMP / DATE:
 *   ISO-8601 UTC text); text as strings; null as NULL (and a null filter as IS NULL). MariaDB's
 *   JSON (LONGTEXT with a `json_valid` CHECK) is recognised by its check constraint. A value a
 *   column cannot hold as it is (an object outside a JSON column, a non-Date in a timestamp, a
 *   non-boolean in a boolean, NaN, a fraction in a BIGINT) is refused with a `KyselyAdapterError`
 *   naming `Model.column` before anything is written. An undefined value leaves its column out
 *   (its default applies); an undefined filter is an error.
 * - SQLite through better-sqlite3 without safeIntegers rounds integers past 2^53: an INTEGER
 *   column's value past 2^53 is refused on read (declare the column BIGINT, read as bigints);
 *   DECIMAL keeps no trailing zeros there (SQLite stores a number).
 * - `create` returns the row as stored (RETURNING on PostgreSQL and SQLite; MySQL re-selects it
 *   by the identifier the runtime describes, the primary key, or the AUTO_INCREMENT id). `update`
 *   and `delete` return the rows matched. MySQL reports changed rows unless the client sets
 *   FOUND_ROWS (mysql2 does by default); a pool without it is refused at its first update, since
 *   a compare-and-set rewriting equal values would look like a concurrent change.
 * - `transaction()` is Kysely's own (one pooled connection, BEGIN … COMMIT) on the servers and
 *   BEGIN IMMEDIATE on SQLite (the write lock at BEGIN; better-sqlite3's busy timeout bounds the
 *   wait, blocking the process meanwhile, so use one Kysely instance per SQLite file in a
 *   process). Nested calls on a handle are savepoints; started together on one handle, they
 *   run one after the other, each rolled back or released alone. A handle's `db` is the live
 *   `Transaction<DB>` (`meta.adapter.db`, typed once the application declares its adapter in
 *   `Register`; `adapter.txOf(meta.adapter)` types it either way), so a handler's
 *   own queries commit and roll back with the workflow; it is refused once the transaction
 *   ended, as is the handle. `onCommit(callback)` runs after the outermost COMMIT (given this
 *   adapter), dropped on rollback. The adapter called on itself from inside its own transaction
 *   — synchronously or anywhere its callback continues, after awaits and in savepoints, while
 *   it is open — fails at once with `AdapterReentryError` (onCommit callbacks are free to use
 *   it); "itself" is any KyselyAdapter on the same Kysely instance, which shares its
 *   connections. On SQLite (one connection) its calls take turns, each wait bounded by
 *   `lockTimeout`.
 * - `get` / `filter` with `{ lock: 'wait' }` read FOR UPDATE, `'nowait'` FOR UPDATE NOWAIT (SQLite
 *   ignores locks: BEGIN IMMEDIATE already serialises writers). Errors: serialization failures,
 *   deadlocks and lock waits (PostgreSQL 40001 / 40P01 / 55P03, MySQL 1213 / 1205 / 3572 / 1020,
 *   SQLITE_BUSY) are a retryable `DatabaseConflictError`; unique violations (23505, 1062,
 *   SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY) a `UniqueViolationError` naming the fields, except on
 *   the log's index, where it is `DatabaseConflictError('duplicate-step')`. The driver's error is
 *   the `cause`.
 * - With `transitionLog`, each transition is a row of `smf_transitions` (`transitionLogDdl`
 *   per dialect), created if missing; one INSERT … SELECT gives it the entity's next seq. The
 *   log's table is a plain name: the connection's schema (search_path, database) holds it.
 */
export class KyselyAdapter<DB> implements ORMAdapter {
  /** The Kysely instance the adapter was given. */
  readonly db: Kysely<DB>;
  readonly dialect: SqlDialect;
  readonly #runner: QueryRunner;
  readonly #store: RowStore;
  readonly #log: TransitionLogTable | undefined;
  readonly #lane: Lane;
  /** An open transaction handle on this adapter's lane (its Kysely instance's connections). */
  readonly #owns = (tx: object): boolean =>
    tx instanceof KyselyTransaction && tx.isOpenOn(this.#lane);
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(db: Kysely<DB>, options: KyselyAdapterOptions = {}) {
    if (typeof (db as { transaction?: unknown } | null)?.transaction !== 'function') {
      throw new KyselyAdapterError('new KyselyAdapter(db): db must be a Kysely instance');
    }
    if ((db as { isTransaction?: boolean }).isTransaction) {
      throw new KyselyAdapterError(
        'new KyselyAdapter(db): db is a Transaction; pass the Kysely instance, and reach the transaction through the adapter (meta.adapter.db)',
      );
    }
    this.db = db;
    this.dialect = detectDialect(db as Kysely<any>, options.dialect);
    this.#runner = db.withoutPlugins();
    const text = sqlText(this.dialect);
    const tables = options.tables ?? {};
    const tableFor = (model: string) =>
      (Object.hasOwn(tables, model) ? tables[model] : undefined) ?? model;
    const log = options.transitionLog;
    const logTable = log
      ? ((log === true ? undefined : log.table) ?? DEFAULT_TRANSITION_LOG_TABLE)
      : undefined;
    if (logTable?.includes('.')) {
      throw new KyselyAdapterError(
        `transitionLog.table must be a plain table name, got '${logTable}': the connection's schema (search_path, database) holds it`,
      );
    }
    this.#store = new RowStore(text, new TableSchemas(text, tableFor), logTable);
    setKyselyTimers(
      this.#store,
      new SqlTimers(this.dialect, options.timerTable ?? DEFAULT_TIMER_TABLE),
    );
    Object.assign(
      this,
      adapterTimerMethods((fn) => this.#transaction('timers', fn)),
    );
    this.#log = logTable === undefined ? undefined : new TransitionLogTable(text, logTable);
    this.#lane = laneOf(db as Kysely<any>, this.dialect, options.lockTimeout);
    if (this.#log !== undefined) {
      this.recordTransition = (entry) =>
        this.#transaction('recordTransition', (tx) => tx.recordTransition!(entry));
      this.readTransitions = (machine, id) =>
        this.#inTurn('readTransitions', async () => {
          await this.#log!.ensure(this.#runner);
          return this.#log!.read(this.#runner, machine, id);
        });
    }
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#transaction('create', (tx) => tx.create(model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#inTurn('get', () => this.#store.getOne(this.#runner, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#inTurn('filter', () => this.#store.select(this.#runner, model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#transaction('update', (tx) => tx.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#transaction('delete', (tx) => tx.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#inTurn('findPage', () => this.#store.page(this.#runner, model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#inTurn('countGrouped', () =>
      this.#store.countGrouped(this.#runner, model, field, values),
    );
  }
  describeModel(model: string, description: ModelDescription): void {
    this.#store.describe(model, description.identifierField);
  }

  /**
   * BEGIN (on SQLite BEGIN IMMEDIATE) … COMMIT, or ROLLBACK when `fn` rejects; nested calls on
   * the handle are savepoints. `onCommit` callbacks queued in it run after the COMMIT, before
   * this resolves, each given this adapter.
   */
  transaction<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R> {
    if (typeof fn !== 'function') {
      return Promise.reject(new KyselyAdapterError('transaction(fn) needs a function'));
    }
    return this.#transaction('transaction', fn);
  }

  #transaction<R>(
    operation: string,
    fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>,
  ): Promise<R> {
    const setup = { db: this.db, store: this.#store, log: this.#log, lane: this.#lane };
    return this.#inTurn(operation, async () => {
      await this.#log?.ensure(this.#runner);
      return runOutermostTransaction(setup, fn);
    }).then(async ({ result, callbacks }) => {
      await callbacks?.runAll(this);
      return result;
    });
  }

  /**
   * The live Kysely transaction of a transaction handle of this adapter (`meta.adapter` in a
   * handler), typed: your queries on it run in the workflow's transaction.
   */
  txOf(handle: ORMAdapter): Transaction<DB> {
    if (handle instanceof KyselyTransaction && handle.isOpenOn(this.#lane)) {
      return (handle as KyselyTransaction<DB>).db;
    }
    throw new KyselyAdapterError(
      handle === this
        ? 'txOf() was given the adapter itself, not a transaction handle (in afterCommit handlers meta.adapter is the adapter: use adapter.db)'
        : 'txOf() needs an open transaction handle of this adapter (meta.adapter in a handler, or the tx of adapter.transaction(tx => …))',
    );
  }

  /**
   * A call on the adapter itself from inside one of its open transactions (synchronously, or
   * anywhere the transaction's callback continues) would wait for that transaction (SQLite's
   * single connection, a pool it has exhausted) or for row locks it holds, or commit outside it:
   * it fails at once. On SQLite, the adapter's calls take turns on the connection, each wait
   * bounded by lockTimeout.
   */
  #inTurn<R>(operation: string, job: () => Promise<R>): Promise<R> {
    if (enclosingTransaction(this.#owns) !== undefined) {
      return Promise.reject(reentryError(NAME, operation));
    }
    return this.#lane.queue ? this.#lane.queue.run(job) : job();
  }
}
