import type { Filters, ORMAdapter, Row, TransitionLogEntry } from '../orm-adapter.js';
import type { MemoryStore } from './memory-store.js';

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

/** The adapter a MemoryAdapter transaction hands out; unusable once its transaction ended. */
export class MemoryTransaction implements ORMAdapter {
  readonly #store: MemoryStore;
  #ended = false;
  readonly recordTransition?: (entry: TransitionLogEntry) => Promise<void>;

  constructor(store: MemoryStore) {
    this.#store = store;
    if (store.keepsTransitionLog) {
      this.recordTransition = (entry) => this.#run(() => store.recordTransition(entry));
    }
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
    if (this.#ended) return Promise.reject(ended());
    return inSavepoint(this.#store, fn);
  }

  #run<R>(operation: () => R): Promise<R> {
    if (this.#ended) return Promise.reject(ended());
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

const ended = () => new Error('MemoryAdapter: transaction already ended');
