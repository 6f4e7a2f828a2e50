import type { Kysely, Transaction } from 'kysely';
import { currentTransaction } from './current-transaction.js';
import { lockTimeoutLimit, reentryError } from './lock-timeout.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  ReadOptions,
  Row,
  TransitionLogEntry,
  TransitionRecord,
} from './orm-adapter.js';
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

export { KyselyAdapterError } from './kysely/kysely-adapter-error.js';
export type { KyselyTransactionAdapter } from './kysely/transaction-handle.js';
export type { SqlDialect } from './kysely/dialect.js';
export {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogDdl,
  transitionLogStatements,
} from './sql/transition-log-ddl.js';

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

/**
 * The ORM adapter for Kysely (`state-machine-framework/adapters/kysely`), on its PostgreSQL,
 * MySQL / MariaDB and SQLite dialects, through the Kysely instance the application already has.
 * Handlers reach the live transaction as `meta.adapter.db` (a `Transaction<DB>`; typed through
 * `adapter.txOf(meta.adapter)`), so their own queries commit and roll back with the
 * workflow. See the README's Kysely section for what each dialect stores and returns.
 */
export class KyselyAdapter<DB> implements ORMAdapter {
  /** The Kysely instance the adapter was given. */
  readonly db: Kysely<DB>;
  readonly dialect: SqlDialect;
  readonly #runner: QueryRunner;
  readonly #store: RowStore;
  readonly #log: TransitionLogTable | undefined;
  readonly #lane: Lane;
  readonly recordTransition?: (entry: TransitionRecord) => Promise<number>;
  readonly readTransitions?: (machine: string, entityId: unknown) => Promise<TransitionLogEntry[]>;

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
    this.#store = new RowStore(text, new TableSchemas(text, tableFor), logTable);
    this.#log = logTable === undefined ? undefined : new TransitionLogTable(text, logTable);
    this.#lane = laneOf(db as Kysely<any>, this.dialect, options.lockTimeout);
    if (this.#log !== undefined) {
      this.recordTransition = (entry) => this.transaction((tx) => tx.recordTransition!(entry));
      this.readTransitions = (machine, id) =>
        this.#inTurn(async () => {
          await this.#log!.ensure(this.#runner);
          return this.#log!.read(this.#runner, machine, id);
        });
    }
  }

  create(model: string, data: Row): Promise<Row> {
    return this.transaction((tx) => tx.create(model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#inTurn(() => this.#store.getOne(this.#runner, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#inTurn(() => this.#store.select(this.#runner, model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.transaction((tx) => tx.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.transaction((tx) => tx.delete(model, filters));
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
    const setup = { db: this.db, store: this.#store, log: this.#log, lane: this.#lane };
    return this.#inTurn(async () => {
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
   * A call on the adapter itself from inside one of its open transactions would wait for that
   * transaction (SQLite's single connection) or for row locks it holds: it fails at once. On
   * SQLite, the adapter's calls take turns on the connection, each wait bounded by lockTimeout.
   */
  #inTurn<R>(job: () => Promise<R>): Promise<R> {
    const current = currentTransaction();
    if (current instanceof KyselyTransaction && current.isOpenOn(this.#lane)) {
      return Promise.reject(reentryError(NAME, 'the adapter'));
    }
    return this.#lane.queue ? this.#lane.queue.run(job) : job();
  }
}
