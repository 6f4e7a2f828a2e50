import { MemoryStore, TRANSITION_LOG_TABLE } from './memory/memory-store.js';
import { inSavepoint } from './memory/memory-transaction.js';
import type { Filters, ORMAdapter, Row, TransitionLogEntry } from './orm-adapter.js';

export interface MemoryAdapterOptions {
  /** Keep a persisted transition log (table `smf_transitions`). Off by default: it costs memory. */
  readonly transitionLog?: boolean;
}

/**
 * An in-memory database with real transaction semantics: writes are undone on rollback (nested
 * transactions roll back alone), and top-level transactions are serialised, so two workflows
 * never see each other's uncommitted writes. Rows are copied in and out; callers never share them.
 */
export class MemoryAdapter implements ORMAdapter {
  readonly #store: MemoryStore;
  readonly recordTransition?: (entry: TransitionLogEntry) => Promise<void>;

  constructor(
    seed: Readonly<Record<string, readonly Row[]>> = {},
    options: MemoryAdapterOptions = {},
  ) {
    const store = new MemoryStore(seed, options.transitionLog ?? false);
    this.#store = store;
    if (store.keepsTransitionLog) {
      this.recordTransition = (entry) => this.#outside(() => store.recordTransition(entry));
    }
  }

  /** A deep copy of every table, for tests and demos. */
  snapshot(): Record<string, Row[]> {
    const out: Record<string, Row[]> = {};
    for (const [model, rows] of this.#store.tables)
      out[model] = rows.map((r) => structuredClone(r));
    return out;
  }

  /** The persisted transition log, oldest first (empty unless `transitionLog` is on). */
  get transitionLog(): readonly TransitionLogEntry[] {
    return (this.#store.tables.get(TRANSITION_LOG_TABLE) ?? []) as unknown as TransitionLogEntry[];
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#outside(() => this.#store.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#outside(() => this.#store.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#outside(() => this.#store.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#outside(() => this.#store.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#outside(() => this.#store.delete(model, filters));
  }

  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const store = this.#store;
    return store.queue.run(async () => {
      try {
        return await inSavepoint(store, fn);
      } finally {
        store.undo.length = 0;
      }
    });
  }

  /** Operations outside a transaction wait for the running one, as a database connection would. */
  #outside<R>(operation: () => R): Promise<R> {
    return this.#store.queue.run(async () => operation());
  }
}
