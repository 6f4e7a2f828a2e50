import { isThenable } from '../../step-driver.js';
import type { Filters, ORMAdapter, Row, TransitionLogEntry } from '../orm-adapter.js';
import type { MemoryStore } from './memory-store.js';
import { MemorySyncOps, transactionEnded } from './memory-sync-ops.js';

/** Runs `fn` in a savepoint of `store`: its writes are undone alone if it throws. */
export async function inSavepoint<R>(
  store: MemoryStore,
  fn: (tx: ORMAdapter) => Promise<R>,
): Promise<R> {
  const mark = store.undo.length;
  const tx = new MemoryTransaction(store);
  try {
    return await fn(tx);
  } catch (error) {
    store.rollbackTo(mark);
    throw error;
  } finally {
    tx.end();
  }
}

/**
 * `inSavepoint` without a promise while `fn` returns a plain value; if it returns a thenable, the
 * savepoint stays open until that settles.
 */
export function inSavepointSync<R>(store: MemoryStore, fn: (tx: ORMAdapter) => R): R {
  const mark = store.undo.length;
  const tx = new MemoryTransaction(store);
  let result: R;
  try {
    result = fn(tx);
  } catch (error) {
    store.rollbackTo(mark);
    tx.end();
    throw error;
  }
  if (!isThenable(result)) {
    tx.end();
    return result;
  }
  const settled = Promise.resolve(result).then(
    (value) => {
      tx.end();
      return value;
    },
    (error: unknown) => {
      store.rollbackTo(mark);
      tx.end();
      throw error;
    },
  );
  return settled as R;
}

/** The adapter a MemoryAdapter transaction hands out; unusable once its transaction ended. */
export class MemoryTransaction implements ORMAdapter {
  readonly #store: MemoryStore;
  #ended = false;
  readonly recordTransition?: (entry: TransitionLogEntry) => Promise<void>;
  readonly sync: MemorySyncOps;

  constructor(store: MemoryStore) {
    this.#store = store;
    if (store.keepsTransitionLog) {
      this.recordTransition = (entry) => this.#run(() => store.recordTransition(entry));
    }
    this.sync = new MemorySyncOps(this, store, inSavepointSync);
  }

  get ended(): boolean {
    return this.#ended;
  }

  end(): void {
    this.#ended = true;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#run(() => this.#store.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#run(() => this.#store.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#run(() => this.#store.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#run(() => this.#store.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#run(() => this.#store.delete(model, filters));
  }
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    if (this.#ended) return Promise.reject(transactionEnded());
    return inSavepoint(this.#store, fn);
  }

  #run<R>(operation: () => R): Promise<R> {
    if (this.#ended) return Promise.reject(transactionEnded());
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
