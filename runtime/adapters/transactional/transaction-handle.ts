import { UsageError } from '../../errors.js';
import type { Filters, ORMAdapter, Row, AdapterMethod } from '../../orm-adapter.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from '../current-transaction.js';
import { nestedReentryError } from '../nested-turns.js';
import { SerialQueue, type WaitLimit } from '../serial-queue.js';
import type { TransactionDriver } from './transaction-driver.js';
import { handleTimerMethods, type TimerBackend } from '../timer-methods.js';
import type { TimerOperations } from '../../timer-operations.js';

export const NAME = 'TransactionalAdapter';

/** The driver (one connection) and what the adapter and all its handles share on it. */
export interface Connection {
  readonly driver: TransactionDriver;
  /** The outermost transactions' turns, and the adapter's own calls between them. */
  readonly queue: SerialQueue;
  /** How long a call on a handle may wait for the nested transactions running on it. */
  readonly nestedWait: WaitLimit | undefined;
  nextSavepoint: number;
  /** The driver's timer operations, when it has them. */
  readonly timers?: TimerBackend | undefined;
}

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
}

// Its timer operations are assigned in the constructor (see `handleTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface TransactionHandle extends Partial<TimerOperations> {}

/**
 * The adapter a transaction (or savepoint) hands out; it refuses work once it has ended.
 *
 * A savepoint is a mark on the driver's one connection: two open at once on one handle would
 * interleave, and ROLLBACK TO the first would undo the second's work too, while RELEASE of the
 * first would take the second's savepoint with it. So a handle's operations run one at a time,
 * in its turn, and a nested transaction holds its handle's turn until it ends: two started
 * together run one after the other, and a call on the handle meanwhile waits (bounded by the
 * adapter's `lockTimeout`). A call on the handle from inside a nested transaction running on it
 * would wait for itself: made while a handle nested in it is current (a callback's synchronous
 * part, a handler), it fails at once with `AdapterReentryError`; after an await, when its wait
 * reaches `lockTimeout` (the runtime's core carries no async context to know it sooner).
 */
export class TransactionHandle implements ORMAdapter {
  readonly #connection: Connection;
  readonly #run: TransactionRun;
  readonly #parent: TransactionHandle | undefined;
  readonly #turns: SerialQueue;
  #nestedOpen = false;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly findPage?: AdapterMethod<'findPage'>;
  readonly countGrouped?: AdapterMethod<'countGrouped'>;

  constructor(connection: Connection, run: TransactionRun, parent?: TransactionHandle) {
    this.#connection = connection;
    this.#run = run;
    this.#parent = parent;
    this.#turns = new SerialQueue(connection.nestedWait);
    const { driver } = connection;
    const timers = connection.timers;
    if (timers !== undefined) {
      Object.assign(
        this,
        handleTimerMethods(
          (job) => this.#op(async () => job()),
          () => timers,
        ),
      );
    }
    if (driver.recordTransition) {
      const record = driver.recordTransition.bind(driver);
      this.recordTransition = (entry) => this.#op(() => record(entry));
    }
    if (driver.readTransitions) {
      const read = driver.readTransitions.bind(driver);
      this.readTransitions = (machine, entityId) => this.#op(() => read(machine, entityId));
    }
    if (driver.findPage) {
      const page = driver.findPage.bind(driver);
      this.findPage = (model, query) => this.#op(() => page(model, query));
    }
    if (driver.countGrouped) {
      const count = driver.countGrouped.bind(driver);
      this.countGrouped = (model, field, values) => this.#op(() => count(model, field, values));
    }
  }

  get ended(): boolean {
    return this.#ended || this.#run.ended;
  }

  isOpenOn(connection: Connection): boolean {
    return this.#connection === connection && !this.ended;
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

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#connection.driver.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#op(() => this.#connection.driver.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#op(() => this.#connection.driver.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#connection.driver.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#connection.driver.delete(model, filters));
  }

  /**
   * A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise.
   * It waits for the nested transactions started on this handle before it.
   */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return this.#op(() => this.#savepoint(fn));
  }

  async #savepoint<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const { driver } = this.#connection;
    if (!driver.savepoint || !driver.releaseSavepoint || !driver.rollbackToSavepoint) {
      throw new UsageError(
        `${NAME}: nested transactions need a driver with savepoint methods (savepoint, releaseSavepoint, rollbackToSavepoint)`,
      );
    }
    const name = `smf_sp_${this.#connection.nextSavepoint++}`;
    await driver.savepoint(name);
    const nested = new TransactionHandle(this.#connection, this.#run, this);
    this.#nestedOpen = true;
    let value: R;
    try {
      value = await withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      nested.#ended = true;
      this.#nestedOpen = false;
      // Once the outermost transaction has ended, the savepoint went with it.
      if (!this.#run.ended) {
        await driver.rollbackToSavepoint(name);
        await driver.releaseSavepoint(name);
      }
      throw error;
    }
    nested.#ended = true;
    this.#nestedOpen = false;
    if (this.#run.ended) {
      throw new UsageError(
        `${NAME}: a nested transaction ended after the transaction it belongs to; its onCommit callbacks were dropped. Await nested transactions (and transitions) before the transaction callback returns`,
      );
    }
    await driver.releaseSavepoint(name);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  #assertOpen(): void {
    if (this.ended) {
      throw new UsageError(
        `${NAME}: transaction already ended: this handle was used after its transaction committed or rolled back; use the adapter, or the handle of a transaction that is still open`,
      );
    }
  }

  /** Runs `job` in this handle's turn: after calls made before it, never inside a nested one. */
  #op<R>(job: () => Promise<R>): Promise<R> {
    try {
      this.#assertOpen();
      if (this.#nestedOpen && this.#calledFromNested()) throw nestedReentryError(NAME);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#turns.run(() => {
      this.#assertOpen();
      return job();
    });
  }

  /** The current handle (see current-transaction.ts) is an open one nested in this one. */
  #calledFromNested(): boolean {
    const current = currentTransaction();
    if (!(current instanceof TransactionHandle) || current.ended) return false;
    for (let h = current.#parent; h !== undefined; h = h.#parent) if (h === this) return true;
    return false;
  }
}
