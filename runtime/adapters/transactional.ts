import type { CommitCallbacks } from './commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from './current-transaction.js';
import { lockTimeoutLimit, reentryError } from './lock-timeout.js';
import { nestedWaitLimit } from './nested-turns.js';
import type { Filters, ORMAdapter, Row, AdapterMethod } from '../orm-adapter.js';
import { SerialQueue } from './serial-queue.js';
import type { TransactionDriver } from './transactional/transaction-driver.js';
import { driverTimers } from './transactional/driver-timers.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';
import {
  NAME,
  TransactionHandle,
  type Connection,
  type TransactionRun,
} from './transactional/transaction-handle.js';

export type { TransactionDriver } from './transactional/transaction-driver.js';

export interface TransactionalAdapterOptions {
  /**
   * How long (ms) a call on the adapter, or a transaction, may wait while one transaction keeps
   * running before it fails with `AdapterReentryError`; default 2000, `Infinity` for no limit.
   * The same bounds a call on a transaction handle waiting for a nested transaction on it.
   */
  readonly lockTimeout?: number;
}

// Its timer operations, when the driver has them, are assigned in the constructor.
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface TransactionalAdapter extends Partial<TimerOperations> {}

/**
 * Turns a begin/commit/rollback driver into a nestable `transaction()`. Top-level transactions
 * are serialised: one driver is one connection, so two workflows never interleave inside it.
 * Nested transactions are savepoints; started together on one handle, they run one after the
 * other, each rolled back or released alone. Calling the adapter itself from inside its own
 * transaction fails at once with `AdapterReentryError` (use the transaction's handle); any other
 * wait is bounded by `lockTimeout`.
 */
export class TransactionalAdapter implements ORMAdapter {
  readonly #connection: Connection;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly findPage?: AdapterMethod<'findPage'>;
  readonly countGrouped?: AdapterMethod<'countGrouped'>;

  constructor(driver: TransactionDriver, options: TransactionalAdapterOptions = {}) {
    const lockWait = lockTimeoutLimit(NAME, options.lockTimeout);
    const nestedWait = lockWait && nestedWaitLimit(NAME, lockWait.ms);
    const timers = driverTimers(driver);
    this.#connection = {
      driver,
      queue: new SerialQueue(lockWait),
      nestedWait,
      nextSavepoint: 0,
      timers,
    };
    if (timers !== undefined) {
      Object.assign(
        this,
        adapterTimerMethods((fn) => this.transaction(fn)),
      );
    }
    if (driver.recordTransition) {
      const record = driver.recordTransition.bind(driver);
      this.recordTransition = (entry) => this.#outside('recordTransition', () => record(entry));
    }
    if (driver.readTransitions) {
      const read = driver.readTransitions.bind(driver);
      this.readTransitions = (machine, entityId) =>
        this.#outside('readTransitions', () => read(machine, entityId));
    }
    if (driver.findPage) {
      const page = driver.findPage.bind(driver);
      this.findPage = (model, query) => this.#outside('findPage', () => page(model, query));
    }
    if (driver.countGrouped) {
      const count = driver.countGrouped.bind(driver);
      this.countGrouped = (model, field, values) =>
        this.#outside('countGrouped', () => count(model, field, values));
    }
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#outside('create', () => this.#connection.driver.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#outside('get', () => this.#connection.driver.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#outside('filter', () => this.#connection.driver.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#outside('update', () => this.#connection.driver.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#outside('delete', () => this.#connection.driver.delete(model, filters));
  }

  /**
   * BEGIN … COMMIT, or ROLLBACK when `fn` rejects. `onCommit` callbacks queued in it run after
   * the COMMIT, once the next transaction may start, before this promise resolves.
   */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const refused = this.#reentry('transaction');
    if (refused) return Promise.reject(refused);
    const connection = this.#connection;
    let committed: CommitCallbacks | undefined;
    const outcome = connection.queue.run(async () => {
      const run: TransactionRun = { ended: false };
      const tx = new TransactionHandle(connection, run);
      await connection.driver.begin();
      let value: R;
      try {
        value = await withCurrentTransaction(tx, () => fn(tx));
      } catch (error) {
        run.ended = true;
        await connection.driver.rollback();
        throw error;
      }
      run.ended = true;
      await connection.driver.commit();
      committed = tx.takeCommitCallbacks();
      return value;
    });
    return outcome.then((value) => (committed ? committed.runAll(this).then(() => value) : value));
  }

  /** Outside a transaction an operation waits its turn, so it never lands inside another's. */
  #outside<R>(operation: string, run: () => Promise<R>): Promise<R> {
    const refused = this.#reentry(operation);
    if (refused) return Promise.reject(refused);
    return this.#connection.queue.run(run);
  }

  /** A call from inside one of this adapter's own open transactions would wait forever. */
  #reentry(operation: string): Error | undefined {
    const current = currentTransaction();
    if (current instanceof TransactionHandle && current.isOpenOn(this.#connection)) {
      return reentryError(NAME, operation);
    }
    return undefined;
  }
}
