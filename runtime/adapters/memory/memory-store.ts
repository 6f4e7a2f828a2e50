import { ObjectNotFound } from '../../errors.js';
import type { Filters, Row, TransitionLogEntry } from '../orm-adapter.js';
import { SerialQueue } from '../serial-queue.js';

type Undo = () => void;

function matches(row: Row, filters: Filters): boolean {
  for (const key in filters) if (row[key] !== filters[key]) return false;
  return true;
}

const copy = (row: Row): Row => ({ ...row });

export const TRANSITION_LOG_TABLE = 'smf_transitions';

/**
 * The tables of a MemoryAdapter and their synchronous operations. Every write pushes its undo
 * action, so rolling back to a savepoint is undoing down to a position in that list.
 */
export class MemoryStore {
  readonly tables = new Map<string, Row[]>();
  /** Undo actions of the open transaction, newest last. */
  readonly undo: Undo[] = [];
  /** Serialises top-level transactions and the operations outside them. */
  readonly queue = new SerialQueue();
  readonly keepsTransitionLog: boolean;

  constructor(seed: Readonly<Record<string, readonly Row[]>>, keepsTransitionLog: boolean) {
    this.keepsTransitionLog = keepsTransitionLog;
    for (const model of Object.keys(seed)) this.table(model).push(...(seed[model] ?? []).map(copy));
  }

  table(model: string): Row[] {
    let table = this.tables.get(model);
    if (!table) this.tables.set(model, (table = []));
    return table;
  }

  create(model: string, data: Row): Row {
    const table = this.table(model);
    const row = copy(data);
    table.push(row);
    this.undo.push(() => void table.splice(table.indexOf(row), 1));
    return copy(row);
  }

  get(model: string, filters: Filters): Row {
    const found = this.table(model).filter((row) => matches(row, filters));
    if (found.length > 1) {
      throw new Error(`${model}: ${found.length} rows match ${JSON.stringify(filters)}`);
    }
    if (!found[0]) throw new ObjectNotFound(model, filters);
    return copy(found[0]);
  }

  filter(model: string, filters: Filters): Row[] {
    return this.table(model)
      .filter((row) => matches(row, filters))
      .map(copy);
  }

  update(model: string, filters: Filters, changes: Row): number {
    let count = 0;
    for (const row of this.table(model)) {
      if (!matches(row, filters)) continue;
      const before = copy(row);
      this.undo.push(() => {
        for (const key of Object.keys(row)) delete row[key];
        Object.assign(row, before);
      });
      Object.assign(row, changes);
      count++;
    }
    return count;
  }

  delete(model: string, filters: Filters): number {
    const table = this.table(model);
    const kept = table.filter((row) => !matches(row, filters));
    const removed = table.length - kept.length;
    if (removed > 0) {
      const before = table.slice();
      table.splice(0, table.length, ...kept);
      this.undo.push(() => void table.splice(0, table.length, ...before));
    }
    return removed;
  }

  /** Log entries are stored as given (one copy), never handed back out. */
  recordTransition(entry: TransitionLogEntry): void {
    const table = this.table(TRANSITION_LOG_TABLE);
    const row: Row = { ...entry };
    table.push(row);
    this.undo.push(() => void table.splice(table.indexOf(row), 1));
  }

  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()?.();
  }
}
