import { UsageError } from '../errors.js';
import { CommitCallbacks } from './commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from './current-transaction.js';
import { lockTimeoutLimit, reentryError } from './lock-timeout.js';
import type { Filters, ORMAdapter, Row, RowOperations, AdapterMethod } from '../orm-adapter.js';
import { SerialQueue } from './serial-queue.js';

/**
 * What `TransactionalAdapter` drives: the row operations on one connection plus
 * begin/commit/rollback. `get` and `filter` are passed no read options: one connection runs one
 * transaction at a time, so there is nothing to lock against. Savepoint methods are optional;
 * without them a nested transaction is rejected rather than silently flattened.
 */
export interface TransactionDriver
  extends RowOperations, Pick<ORMAdapter, 'recordTransition' | 'readTransitions'> {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint?(name: string): Promise<void>;
  releaseSavepoint?(name: string): Promise<void>;
  rollbackToSavepoint?(name: string): Promise<void>;
}

export interface TransactionalAdapterOptions {
  /**
   * How long (ms) a call on the adapter, or a transaction, may wait while one transaction keeps
   * running before it fails with `AdapterReentryError`; default 2000, `Infinity` for no limit.
   */
  readonly lockTimeout?: number;
}

const NAME = 'TransactionalAdapter';

/** The driver (one connection) and what the adapter and all its handles share on it. */
interface Connection {
  readonly driver: TransactionDriver;
  readonly queue: SerialQueue;
  nextSavepoint: number;
}

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
interface TransactionRun {
  ended: boolean;
}

function settled<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return operation();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Turns a begin/commit/rollback driver into a nestable `transaction()`. Top-level transactions
 * are serialised: one driver is one connection, so two workflows never interleave inside it.
 * Calling the adapter itself from inside its own transaction fails at once with
 * `AdapterReentryError` (use the transaction's handle); any other wait is bounded by
 * `lockTimeout`.
 */
export class TransactionalAdapter implements ORMAdapter {
  readonly #connection: Connection;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(driver: TransactionDriver, options: TransactionalAdapterOptions = {}) {
    const queue = new SerialQueue(lockTimeoutLimit(NAME, options.lockTimeout));
    this.#connection = { driver, queue, nextSavepoint: 0 };
    if (driver.recordTransition) {
      const record = driver.recordTransition.bind(driver);
      this.recordTransition = (entry) => this.#outside('recordTransition', () => record(entry));
    }
    if (driver.readTransitions) {
      const read = driver.readTransitions.bind(driver);
      this.readTransitions = (machine, entityId) =>
        this.#outside('readTransitions', () => read(machine, entityId));
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

/** The adapter a transaction (or savepoint) hands out; it refuses work once it has ended. */
class TransactionHandle implements ORMAdapter {
  readonly #connection: Connection;
  readonly #run: TransactionRun;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(connection: Connection, run: TransactionRun) {
    this.#connection = connection;
    this.#run = run;
    const { driver } = connection;
    if (driver.recordTransition) {
      const record = driver.recordTransition.bind(driver);
      this.recordTransition = (entry) => this.#op(() => record(entry));
    }
    if (driver.readTransitions) {
      const read = driver.readTransitions.bind(driver);
      this.readTransitions = (machine, entityId) => this.#op(() => read(machine, entityId));
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

  /** A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return settled(() => this.#savepoint(fn));
  }

  async #savepoint<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    this.#assertOpen();
    const { driver } = this.#connection;
    if (!driver.savepoint || !driver.releaseSavepoint || !driver.rollbackToSavepoint) {
      throw new UsageError(
        `${NAME}: nested transactions need a driver with savepoint methods (savepoint, releaseSavepoint, rollbackToSavepoint)`,
      );
    }
    const name = `smf_sp_${this.#connection.nextSavepoint++}`;
    await driver.savepoint(name);
    const nested = new TransactionHandle(this.#connection, this.#run);
    let value: R;
    try {
      value = await withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      nested.#ended = true;
      // Once the outermost transaction has ended, the savepoint went with it.
      if (!this.#run.ended) {
        await driver.rollbackToSavepoint(name);
        await driver.releaseSavepoint(name);
      }
      throw error;
    }
    nested.#ended = true;
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

  #op<R>(run: () => Promise<R>): Promise<R> {
    return settled(() => {
      this.#assertOpen();
      return run();
    });
  }
}
