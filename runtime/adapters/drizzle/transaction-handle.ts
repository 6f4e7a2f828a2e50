import { sql } from 'drizzle-orm';
import { enclosingTransaction, runTransactionCallback } from '../async-transaction-scope.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { nestedReentryError, nestedWaitLimit } from '../nested-turns.js';
import type { Filters, ORMAdapter, ReadOptions, Row, AdapterMethod } from '../../orm-adapter.js';
import type { PageQuery } from '../../orm-adapter.js';
import { DrizzleQueries } from './row-queries.js';
import { SerialQueue } from '../serial-queue.js';
import type { SqlDialect } from '../sql/transition-log-ddl.js';
import type { ConnectionDriver } from './connection-driver.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import type { DrizzleDatabase, DrizzleTransactionOf, QueryDb } from './drizzle-types.js';
import type { ModelTables } from './model-tables.js';
import { rawSql, type RawSql } from './raw-sql.js';
import { DrizzleRows } from './row-operations.js';
import type { DrizzleTransitionLog } from './transition-log.js';
import { sqlTimerBackend, type SqlTimers } from '../sql/timer-sql.js';
import { handleTimerMethods } from '../timer-methods.js';
import type { TimerOperations } from '../../timer-operations.js';
import { drizzleTimerRunner } from './drizzle-timers.js';

/** What an adapter and every handle of its transactions share. */
export interface AdapterContext {
  readonly dialect: SqlDialect;
  readonly tables: ModelTables;
  readonly log: DrizzleTransitionLog | undefined;
  readonly driver: ConnectionDriver;
  readonly timers: SqlTimers;
}

/** Shared by the handles of one outermost transaction: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
}

/** How long a call on a handle waits while nested transactions on that handle run. */
const NESTED_WAIT = nestedWaitLimit('DrizzleAdapter', 60_000);

// Its timer operations are assigned in the constructor (see `handleTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging, no-unused-vars -- the class's own
export interface DrizzleTransaction<TDb = DrizzleDatabase> extends TimerOperations {}

/**
 * The adapter a Drizzle transaction (or a savepoint in it) hands out: `db` is the live Drizzle
 * transaction object, for queries of your own that commit or roll back with the workflow. The
 * handle, `db` included, refuses work once its transaction (or savepoint) has ended. Nested
 * transactions are savepoints (`smf_sp_<depth>`); their `onCommit` callbacks join the enclosing
 * transaction's when released and are dropped when rolled back.
 *
 * A handle's operations run one at a time, in its turn, and a savepoint holds its handle's turn
 * until it ends: two nested transactions started at once run one after the other (on one
 * connection, rolling back to the first savepoint would undo a later one's work too), and an
 * operation called on the handle meanwhile waits, so no write lands in a savepoint it was not
 * made in. Queries of your own on `db` do not take turns. A call on the handle from inside a
 * nested transaction running on it — synchronously or after an await — would wait for itself and
 * fails at once with `AdapterReentryError`.
 */
export class DrizzleTransaction<TDb = DrizzleDatabase> implements ORMAdapter {
  /** The Drizzle transaction: `tx.select()…`, `tx.insert(…)…`, typed as `db.transaction` gives it. */
  readonly db: DrizzleTransactionOf<TDb>;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly #context: AdapterContext;
  readonly #run: TransactionRun;
  readonly #depth: number;
  /** The Drizzle transaction object behind `db`; savepoints run on the same one. */
  readonly #tx: object;
  readonly #raw: RawSql;
  readonly #rows: DrizzleRows;
  readonly #parent: DrizzleTransaction<TDb> | undefined;
  readonly #turns = new SerialQueue(NESTED_WAIT);
  #nestedOpen = false;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;

  /** @internal Made by DrizzleAdapter.transaction() and by nesting. */
  constructor(
    context: AdapterContext,
    tx: object,
    depth: number,
    run: TransactionRun,
    parent?: DrizzleTransaction<TDb>,
  ) {
    this.#parent = parent;
    this.#context = context;
    this.#run = run;
    this.#depth = depth;
    this.#tx = tx;
    this.#raw = rawSql(tx, context.dialect);
    this.#rows = new DrizzleRows(tx as QueryDb, context.dialect, context.tables);
    this.db = new Proxy(tx, {
      get: (target, key) => {
        if (key !== 'then') this.#assertOpen();
        return Reflect.get(target, key) as unknown;
      },
    }) as DrizzleTransactionOf<TDb>;
    const timers = sqlTimerBackend(context.timers, drizzleTimerRunner(this.#raw, context.dialect));
    Object.assign(
      this,
      handleTimerMethods(
        (job) => this.#op(async () => job()),
        () => timers,
      ),
    );
    const log = context.log;
    if (log !== undefined) {
      this.recordTransition = (entry) => this.#op(() => log.record(this.#raw, entry));
      this.readTransitions = (machine, entityId) =>
        this.#op(() => log.read(this.#raw, machine, entityId));
    }
  }

  /** True until the transaction (or savepoint) this handle stands for has ended. */
  get active(): boolean {
    return !this.#ended && !this.#run.ended;
  }

  /** Whether this is a live handle of the adapter whose shared context is `context`. */
  isOpenOn(context: AdapterContext): boolean {
    return this.#context === context && this.active;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#rows.create(model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#op(() => this.#rows.get(model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#op(() => this.#rows.filter(model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#rows.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#rows.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#op(() => this.#queries().page(model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#op(() => this.#queries().countGrouped(model, field, values));
  }
  #queries(): DrizzleQueries {
    return new DrizzleQueries(this.#tx as QueryDb, this.#context.tables);
  }

  /** Runs `callback` after the outermost transaction commits (see `ORMAdapter.onCommit`). */
  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.#assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  /**
   * A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise.
   * It waits for the nested transactions started on this handle before it.
   */
  transaction<R>(fn: (tx: DrizzleTransaction<TDb>) => Promise<R>): Promise<R> {
    return this.#op(() => this.#savepoint(fn));
  }

  /** @internal The outermost handle's callbacks, once its transaction committed. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  /** @internal Called by whoever opened this handle's transaction, once it ends. */
  end(): void {
    this.#ended = true;
  }

  async #savepoint<R>(fn: (tx: DrizzleTransaction<TDb>) => Promise<R>): Promise<R> {
    const name = sql.raw(`smf_sp_${this.#depth}`);
    const driver = this.#context.driver;
    await this.#raw.run(sql`SAVEPOINT ${name}`);
    const nested = new DrizzleTransaction<TDb>(
      this.#context,
      this.#tx,
      this.#depth + 1,
      this.#run,
      this,
    );
    this.#nestedOpen = true;
    let value: R;
    try {
      value = await runTransactionCallback(nested, fn);
    } catch (error) {
      nested.end();
      this.#nestedOpen = false;
      // Once the whole transaction has ended, the savepoint went with it.
      if (!this.#run.ended && driver.transactionOpen()) {
        try {
          await this.#raw.run(sql`ROLLBACK TO SAVEPOINT ${name}`);
          await this.#raw.run(sql`RELEASE SAVEPOINT ${name}`);
        } catch {
          // The transaction is lost (a broken connection, say): its COMMIT will fail and tell.
        }
      }
      throw error;
    }
    nested.end();
    this.#nestedOpen = false;
    if (this.#run.ended) {
      throw new DrizzleAdapterError(
        'a nested transaction ended after the transaction it belongs to; its writes and onCommit callbacks went with that transaction. Await nested transactions (and transitions) before the transaction callback returns',
      );
    }
    await this.#raw.run(sql`RELEASE SAVEPOINT ${name}`);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  #assertOpen(): void {
    if (this.active) return;
    throw new DrizzleAdapterError(
      'this transaction handle (or its db) was used after its transaction ended (committed or rolled back); use the adapter, or the handle of a transaction that is still open',
    );
  }

  /** Runs `job` in this handle's turn: after calls made before it, never inside a nested one. */
  #op<R>(job: () => Promise<R>): Promise<R> {
    try {
      this.#assertOpen();
      if (this.#nestedOpen && this.#calledFromNested()) throw nestedReentryError('DrizzleAdapter');
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#turns.run(() => {
      this.#assertOpen();
      return job();
    });
  }

  /** The running code is inside (or continues) an open transaction nested in this one. */
  #calledFromNested(): boolean {
    const inside = (tx: object) => tx instanceof DrizzleTransaction && this.#isAncestorOf(tx);
    return enclosingTransaction(inside) !== undefined;
  }

  #isAncestorOf(tx: DrizzleTransaction<unknown>): boolean {
    if (!tx.active) return false;
    for (let h = tx.#parent; h !== undefined; h = h.#parent) if (h === this) return true;
    return false;
  }
}
