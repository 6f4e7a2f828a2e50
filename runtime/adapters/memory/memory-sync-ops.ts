import type {
  Filters,
  ORMAdapter,
  Row,
  SyncAdapterOps,
  TransitionLogEntry,
} from '../orm-adapter.js';
import type { MemoryStore } from './memory-store.js';

/** The part of a transaction its synchronous operations need. */
export interface SyncOwner extends ORMAdapter {
  readonly ended: boolean;
}

/** Runs `fn` in a savepoint of `store` (passed in to keep this module free of an import cycle). */
type Savepoint = <R>(store: MemoryStore, fn: (tx: ORMAdapter) => R) => R;

export const transactionEnded = () => new Error('MemoryAdapter: transaction already ended');

/**
 * A MemoryAdapter transaction's operations without promises: the store never waits, so a
 * transition on it can run as plain code.
 */
export class MemorySyncOps implements SyncAdapterOps {
  readonly adapter: SyncOwner;
  readonly #store: MemoryStore;
  readonly #savepoint: Savepoint;
  readonly recordTransition?: (entry: TransitionLogEntry) => void;

  constructor(adapter: SyncOwner, store: MemoryStore, savepoint: Savepoint) {
    this.adapter = adapter;
    this.#store = store;
    this.#savepoint = savepoint;
    if (store.keepsTransitionLog) {
      this.recordTransition = (entry) => this.#open().recordTransition(entry);
    }
  }

  create(model: string, data: Row): Row {
    return this.#open().create(model, data);
  }
  get(model: string, filters: Filters): Row {
    return this.#open().get(model, filters);
  }
  filter(model: string, filters: Filters): Row[] {
    return this.#open().filter(model, filters);
  }
  update(model: string, filters: Filters, changes: Row): number {
    return this.#open().update(model, filters, changes);
  }
  delete(model: string, filters: Filters): number {
    return this.#open().delete(model, filters);
  }
  savepointSync<R>(fn: (tx: ORMAdapter) => R): R {
    this.#open();
    return this.#savepoint(this.#store, fn);
  }

  #open(): MemoryStore {
    if (this.adapter.ended) throw transactionEnded();
    return this.#store;
  }
}
