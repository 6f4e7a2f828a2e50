import type { Transaction } from 'kysely';
import { enclosingTransaction, runTransactionCallback } from '../async-transaction-scope.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { nestedReentryError, nestedWaitLimit } from '../nested-turns.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../../orm-adapter.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { RowStore } from './row-store.js';
import type { TransitionLogTable } from './transition-log.js';
import { SerialQueue } from '../serial-queue.js';
import { sqlTimerBackend } from '../sql/timer-sql.js';
import { handleTimerMethods } from '../timer-methods.js';
import type { TimerOperations } from '../../timer-operations.js';
import { kyselyTimerRunner, kyselyTimersOf } from './kysely-timers.js';

/** A transaction (or savepoint) of a `KyselyAdapter`, as handlers get it in `meta.adapter`. */
export interface KyselyTransactionAdapter<DB> extends ORMAdapter {
  /** The live Kysely transaction: queries on it run in the workflow's transaction. */
  readonly db: Transaction<DB>;
  transaction<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R>;
  onCommit(callback: (adapter: ORMAdapter) => unknown): void;
}

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
  nextSavepoint: number;
  /** The adapter's connection lane: a call on the adapter itself inside it would wait forever. */
  readonly lane: object;
}

/** How long a call on a handle waits while nested transactions on that handle run. */
const NESTED_WAIT = nestedWaitLimit('KyselyAdapter', 60_000);

// Its timer operations are assigned in the constructor (see `handleTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging, no-unused-vars -- the class's own
export interface KyselyTransaction<DB> extends TimerOperations {}

/**
 * A handle's operations run one at a time, in its turn. `transaction()` nests as a savepoint
 * holding the handle's turn until it ends, so two started at once run one after the other (on
 * one connection, `ROLLBACK TO` the first savepoint would undo a later one's work too), and an
 * operation called on the handle meanwhile waits, so no write lands in a savepoint it was not
 * made in. Queries of your own on `db` do not take turns. A call on the handle from inside a
 * nested transaction running on it — synchronously or after an await — would wait for itself and
 * fails at once with `AdapterReentryError`.
 */
export class KyselyTransaction<DB> implements KyselyTransactionAdapter<DB> {
  readonly db: Transaction<DB>;
  readonly #runner: QueryRunner;
  readonly #store: RowStore;
  readonly #run: TransactionRun;
  readonly #log: TransitionLogTable | undefined;
  readonly #parent: KyselyTransaction<DB> | undefined;
  readonly #turns = new SerialQueue(NESTED_WAIT);
  #nestedOpen = false;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(
    db: Transaction<DB>,
    runner: QueryRunner,
    store: RowStore,
    run: TransactionRun,
    log: TransitionLogTable | undefined,
    parent?: KyselyTransaction<DB>,
  ) {
    this.db = db;
    this.#runner = runner;
    this.#store = store;
    this.#run = run;
    this.#log = log;
    this.#parent = parent;
    const timers = sqlTimerBackend(kyselyTimersOf(store), kyselyTimerRunner(runner));
    Object.assign(
      this,
      handleTimerMethods(
        (job) => this.#op(async () => job()),
        () => timers,
      ),
    );
    if (log !== undefined) {
      this.recordTransition = (entry) => this.#op(() => log.record(runner, entry));
      this.readTransitions = (machine, id) => this.#op(() => log.read(runner, machine, id));
    }
  }

  get ended(): boolean {
    return this.#ended || this.#run.ended;
  }

  isOpenOn(lane: object): boolean {
    return this.#run.lane === lane && !this.ended;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#store.create(this.#runner, model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#op(() => this.#store.getOne(this.#runner, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#op(() => this.#store.select(this.#runner, model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#store.update(this.#runner, model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#store.delete(this.#runner, model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#op(() => this.#store.page(this.#runner, model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#op(() => this.#store.countGrouped(this.#runner, model, field, values));
  }
  describeModel(model: string, description: ModelDescription): void {
    this.#store.describe(model, description.identifierField);
  }

  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.#assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  /**
   * A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise.
   * It waits for the nested transactions started on this handle before it.
   */
  transaction<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R> {
    return this.#op(() => this.#savepoint(fn));
  }

  async #savepoint<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R> {
    const name = `smf_sp_${this.#run.nextSavepoint++}`;
    await execute(this.#runner, `SAVEPOINT ${name}`);
    const nested = new KyselyTransaction(
      this.db,
      this.#runner,
      this.#store,
      this.#run,
      this.#log,
      this,
    );
    this.#nestedOpen = true;
    let value: R;
    try {
      value = await runTransactionCallback(nested, fn);
    } catch (error) {
      nested.#ended = true;
      this.#nestedOpen = false;
      await this.#rollbackTo(name);
      throw error;
    }
    nested.#ended = true;
    this.#nestedOpen = false;
    if (this.#run.ended) {
      throw new KyselyAdapterError(
        'a nested transaction ended after the transaction it belongs to; its onCommit callbacks were dropped. Await nested transactions (and transitions) before the transaction callback returns',
      );
    }
    await execute(this.#runner, `RELEASE SAVEPOINT ${name}`);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  /**
   * Undoes the savepoint's work. Where the database already ended the whole transaction (MySQL
   * after a deadlock) or it has ended anyway, there is nothing left to undo: the error that got
   * here is what the caller needs, not the failed ROLLBACK TO.
   */
  async #rollbackTo(name: string): Promise<void> {
    if (this.#run.ended) return;
    try {
      await execute(this.#runner, `ROLLBACK TO SAVEPOINT ${name}`);
      await execute(this.#runner, `RELEASE SAVEPOINT ${name}`);
    } catch {
      // The transaction is beyond saving; its outermost call rolls it back.
    }
  }

  #assertOpen(): void {
    if (this.ended) {
      throw new KyselyAdapterError(
        'transaction already ended: this handle was used after its transaction committed or rolled back; use the adapter, or the handle of a transaction that is still open',
      );
    }
  }

  /** Runs `job` in this handle's turn: after calls made before it, never inside a nested one. */
  #op<R>(job: () => Promise<R>): Promise<R> {
    try {
      this.#assertOpen();
      if (this.#nestedOpen && this.#calledFromNested()) throw nestedReentryError('KyselyAdapter');
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
    const inside = (tx: object) => tx instanceof KyselyTransaction && this.#isAncestorOf(tx);
    return enclosingTransaction(inside) !== undefined;
  }

  #isAncestorOf(tx: KyselyTransaction<unknown>): boolean {
    if (tx.ended) return false;
    for (let h = tx.#parent; h !== undefined; h = h.#parent) if (h === this) return true;
    return false;
  }
}
