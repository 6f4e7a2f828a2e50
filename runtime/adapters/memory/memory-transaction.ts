import { isThenable } from '../../step-driver.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { withCurrentTransaction } from '../current-transaction.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  Row,
  AdapterMethod,
} from '../../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import type { MemoryStore } from './memory-store.js';
import { MemorySyncOps, type SyncOwner } from './memory-sync-ops.js';

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
}

/** `operation`'s outcome as a promise, a throw included. */
function settled<R>(operation: () => R | Promise<R>): Promise<R> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The adapter a MemoryAdapter transaction (or savepoint) hands out. It refuses work once its own
 * savepoint or its outermost transaction has ended, so a late write never lands outside it.
 */
export class MemoryTransaction implements ORMAdapter, SyncOwner {
  readonly #store: MemoryStore;
  readonly #run: TransactionRun;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly sync: MemorySyncOps;

  constructor(store: MemoryStore, run: TransactionRun) {
    this.#store = store;
    this.#run = run;
    this.sync = new MemorySyncOps(this, store);
    const record = this.sync.recordTransition;
    if (record) {
      this.recordTransition = (entry) => settled(() => record(entry));
      this.readTransitions = (machine, entityId) =>
        settled(() => {
          this.assertOpen();
          return store.readTransitions(machine, entityId);
        });
    }
  }

  get ended(): boolean {
    return this.#ended || this.#run.ended;
  }

  /** Whether this is a still-open handle of a transaction on `store`. */
  isOpenOn(store: MemoryStore): boolean {
    return this.#store === store && !this.ended;
  }

  end(): void {
    this.#ended = true;
  }

  assertOpen(): void {
    if (this.ended) {
      throw new MemoryAdapterError(
        'transaction already ended: this handle was used after its transaction committed or rolled back; use the adapter, or the handle of a transaction that is still open',
      );
    }
  }

  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  describeModel(model: string, description: ModelDescription): void {
    this.assertOpen();
    this.#store.describeModel(model, description.identifierField);
  }

  /** The callbacks queued on this handle and on its released savepoints, handed over once. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  create(model: string, data: Row): Promise<Row> {
    return settled(() => this.sync.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return settled(() => this.sync.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return settled(() => this.sync.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return settled(() => this.sync.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return settled(() => this.sync.delete(model, filters));
  }

  /** A savepoint: its writes are undone alone if `fn` fails. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return settled(() => this.savepoint(fn));
  }

  /**
   * Runs `fn` in a savepoint, as plain code while it returns a plain value; a thenable result
   * keeps the savepoint open until it settles, and the outcome is returned as a promise.
   */
  savepoint<R>(fn: (tx: ORMAdapter) => R): R {
    this.assertOpen();
    const mark = this.#store.undo.length;
    const nested = new MemoryTransaction(this.#store, this.#run);
    let result: R;
    try {
      result = withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      this.#close(nested, mark, false);
      throw error;
    }
    if (!isThenable(result)) {
      this.#close(nested, mark, true);
      return result;
    }
    const outcome = Promise.resolve(result).then(
      (value) => {
        this.#close(nested, mark, true);
        return value;
      },
      (error: unknown) => {
        this.#close(nested, mark, false);
        throw error;
      },
    );
    return outcome as R;
  }

  /** Releases the savepoint into this transaction, or undoes its writes. */
  #close(nested: MemoryTransaction, mark: number, succeeded: boolean): void {
    nested.end();
    if (this.#run.ended) {
      // The outermost transaction ended first and took the savepoint's writes with it; the undo
      // list may hold a later transaction's entries by now, so the store is left alone.
      if (succeeded) {
        throw new MemoryAdapterError(
          'a nested transaction ended after the transaction it belongs to; its writes went with that transaction and its onCommit callbacks were dropped. Await nested transactions (and transitions) before the transaction callback returns',
        );
      }
      return;
    }
    if (!succeeded) {
      this.#store.rollbackTo(mark);
      return;
    }
    const callbacks = nested.takeCommitCallbacks();
    if (callbacks) callbacks.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
  }
}
