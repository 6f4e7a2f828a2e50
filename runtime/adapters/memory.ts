import { ObjectNotFound } from '../errors.js';
import type { Filters, ORMAdapter, Row, TransitionLogEntry } from './orm-adapter.js';
import { SerialQueue } from './serial-queue.js';

type Undo = () => void;

interface Store {
  readonly tables: Map<string, Row[]>;
  /** Undo actions of the open transaction, newest last; savepoints are positions in it. */
  readonly undo: Undo[];
  readonly queue: SerialQueue;
}

function matches(row: Row, filters: Filters): boolean {
  for (const key in filters) if (row[key] !== filters[key]) return false;
  return true;
}

const copy = (row: Row): Row => ({ ...row });

/**
 * An in-memory database with real transaction semantics: writes are undone on rollback (nested
 * transactions roll back alone), and top-level transactions are serialised, so two workflows
 * never see each other's uncommitted writes. Rows are copied in and out; callers never share them.
 */
export class MemoryAdapter implements ORMAdapter {
  readonly #store: Store;
  readonly #inTransaction: boolean;
  #closed = false;

  constructor(seed: Readonly<Record<string, readonly Row[]>> = {}, store?: Store) {
    this.#store = store ?? { tables: new Map(), undo: [], queue: new SerialQueue() };
    this.#inTransaction = store !== undefined;
    for (const [model, rows] of Object.entries(seed)) this.#table(model).push(...rows.map(copy));
  }

  /** A deep copy of every table, for tests and demos. */
  snapshot(): Record<string, Row[]> {
    const out: Record<string, Row[]> = {};
    for (const [model, rows] of this.#store.tables)
      out[model] = rows.map((r) => structuredClone(r));
    return out;
  }

  /** The persisted transition log, oldest first. */
  get transitionLog(): readonly TransitionLogEntry[] {
    return (this.#store.tables.get('smf_transitions') ?? []) as unknown as TransitionLogEntry[];
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => {
      const table = this.#table(model);
      const row = copy(data);
      table.push(row);
      this.#store.undo.push(() => void table.splice(table.indexOf(row), 1));
      return copy(row);
    });
  }

  get(model: string, filters: Filters): Promise<Row> {
    return this.#op(() => {
      const found = this.#table(model).filter((row) => matches(row, filters));
      if (found.length !== 1 || !found[0]) {
        if (found.length > 1)
          throw new Error(`${model}: ${found.length} rows match ${JSON.stringify(filters)}`);
        throw new ObjectNotFound(model, filters);
      }
      return copy(found[0]);
    });
  }

  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#op(() =>
      this.#table(model)
        .filter((row) => matches(row, filters))
        .map(copy),
    );
  }

  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => {
      let count = 0;
      for (const row of this.#table(model)) {
        if (!matches(row, filters)) continue;
        const before = copy(row);
        this.#store.undo.push(() => {
          for (const key of Object.keys(row)) delete row[key];
          Object.assign(row, before);
        });
        Object.assign(row, changes);
        count++;
      }
      return count;
    });
  }

  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => {
      const table = this.#table(model);
      const kept = table.filter((row) => !matches(row, filters));
      const removed = table.length - kept.length;
      if (removed > 0) {
        const before = table.slice();
        table.splice(0, table.length, ...kept);
        this.#store.undo.push(() => void table.splice(0, table.length, ...before));
      }
      return removed;
    });
  }

  async recordTransition(entry: TransitionLogEntry): Promise<void> {
    await this.create('smf_transitions', { ...entry });
  }

  async transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    if (this.#inTransaction) return this.#savepoint(fn);
    return this.#serialised(async () => {
      try {
        return await this.#savepoint(fn);
      } finally {
        this.#store.undo.length = 0;
      }
    });
  }

  async #savepoint<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const mark = this.#store.undo.length;
    const tx = new MemoryAdapter({}, this.#store);
    try {
      return await fn(tx);
    } catch (error) {
      const undo = this.#store.undo;
      while (undo.length > mark) undo.pop()?.();
      throw error;
    } finally {
      tx.#closed = true;
    }
  }

  #table(model: string): Row[] {
    let table = this.#store.tables.get(model);
    if (!table) this.#store.tables.set(model, (table = []));
    return table;
  }

  /** Operations outside a transaction wait for the running one, as a database connection would. */
  #op<R>(run: () => R): Promise<R> {
    if (this.#closed) return Promise.reject(new Error('MemoryAdapter: transaction already ended'));
    if (this.#inTransaction) {
      try {
        return Promise.resolve(run());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#serialised(async () => run());
  }

  #serialised<R>(run: () => Promise<R>): Promise<R> {
    return this.#store.queue.run(run);
  }
}
