import type {
  Filters,
  ORMAdapter,
  Row,
  SyncAdapterOps,
  TransitionRecord,
} from '../../orm-adapter.js';
import type { MemoryStore } from './memory-store.js';

/** The part of a transaction handle its synchronous operations need. */
export interface SyncOwner extends ORMAdapter {
  /** Throws if the handle's transaction has ended or a savepoint is open on it. */
  assertUsable(): void;
  /** Runs `fn` in a savepoint nested in this handle's transaction (see `savepointSync`). */
  savepoint<R>(fn: (tx: ORMAdapter) => R): R;
}

/**
 * A MemoryAdapter transaction's operations without promises: the store never waits, so a
 * transition on it can run as plain code.
 */
export class MemorySyncOps implements SyncAdapterOps {
  readonly adapter: SyncOwner;
  readonly #store: MemoryStore;
  readonly recordTransition?: (entry: TransitionRecord) => number;

  constructor(adapter: SyncOwner, store: MemoryStore) {
    this.adapter = adapter;
    this.#store = store;
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
    return this.adapter.savepoint(fn);
  }

  #open(): MemoryStore {
    this.adapter.assertUsable();
    return this.#store;
  }
}
