import type { Filters, ORMAdapter, Row, TransitionLogEntry } from './orm-adapter.js';
import { SerialQueue } from './serial-queue.js';

/**
 * A driver in the seed's shape: data operations plus begin/commit/rollback. Savepoint methods are
 * optional; without them a nested transaction is rejected rather than silently flattened.
 */
export interface TransactionDriver {
  create(model: string, data: Row): Promise<Row>;
  get(model: string, filters: Filters): Promise<Row>;
  filter(model: string, filters: Filters): Promise<Row[]>;
  update(model: string, filters: Filters, changes: Row): Promise<number>;
  delete(model: string, filters: Filters): Promise<number>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint?(name: string): Promise<void>;
  releaseSavepoint?(name: string): Promise<void>;
  rollbackToSavepoint?(name: string): Promise<void>;
  recordTransition?(entry: TransitionLogEntry): Promise<void>;
}

/**
 * Turns a begin/commit/rollback driver into a nestable `transaction()`. Top-level transactions
 * are serialised: one driver is one connection, so two workflows never interleave inside it.
 */
interface SharedState {
  readonly queue: SerialQueue;
  nextSavepoint: number;
}

/**
 * Turns a begin/commit/rollback driver into a nestable `transaction()`. Top-level transactions
 * are serialised: one driver is one connection, so two workflows never interleave inside it.
 */
export class TransactionalAdapter implements ORMAdapter {
  readonly #driver: TransactionDriver;
  readonly #depth: number;
  readonly #shared: SharedState;
  readonly recordTransition?: (entry: TransitionLogEntry) => Promise<void>;

  constructor(driver: TransactionDriver, depth = 0, shared?: SharedState) {
    this.#driver = driver;
    this.#depth = depth;
    this.#shared = shared ?? { queue: new SerialQueue(), nextSavepoint: 0 };
    if (driver.recordTransition) this.recordTransition = driver.recordTransition.bind(driver);
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#driver.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#op(() => this.#driver.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#op(() => this.#driver.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#driver.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#driver.delete(model, filters));
  }

  /** Outside a transaction an operation waits its turn, so it never lands inside another's. */
  #op<R>(run: () => Promise<R>): Promise<R> {
    return this.#depth === 0 ? this.#serialised(run) : run();
  }

  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const child = new TransactionalAdapter(this.#driver, this.#depth + 1, this.#shared);
    if (this.#depth === 0) return this.#serialised(() => this.#outermost(fn, child));
    return this.#nested(fn, child);
  }

  #serialised<R>(run: () => Promise<R>): Promise<R> {
    return this.#shared.queue.run(run);
  }

  async #outermost<R>(fn: (tx: ORMAdapter) => Promise<R>, tx: ORMAdapter): Promise<R> {
    await this.#driver.begin();
    let result: R;
    try {
      result = await fn(tx);
    } catch (error) {
      await this.#driver.rollback();
      throw error;
    }
    await this.#driver.commit();
    return result;
  }

  async #nested<R>(fn: (tx: ORMAdapter) => Promise<R>, tx: ORMAdapter): Promise<R> {
    const driver = this.#driver;
    if (!driver.savepoint || !driver.releaseSavepoint || !driver.rollbackToSavepoint) {
      throw new Error(
        'TransactionalAdapter: nested transactions need a driver with savepoint methods',
      );
    }
    const name = `smf_sp_${this.#shared.nextSavepoint++}`;
    await driver.savepoint(name);
    let result: R;
    try {
      result = await fn(tx);
    } catch (error) {
      await driver.rollbackToSavepoint(name);
      await driver.releaseSavepoint(name);
      throw error;
    }
    await driver.releaseSavepoint(name);
    return result;
  }
}
