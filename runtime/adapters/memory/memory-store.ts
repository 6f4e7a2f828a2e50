import { ObjectNotFound } from '../../errors.js';
import type { Filters, Row, TransitionLogEntry, TransitionRecord } from '../../orm-adapter.js';
import { logRecordValues } from '../sql/log-record-json.js';
import { SerialQueue, type WaitLimit } from '../serial-queue.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import { checkFilters, copyIn, copyOut, matches } from './row-copy.js';
import { UniqueFields } from './unique-fields.js';

type Undo = () => void;

export const TRANSITION_LOG_TABLE = 'smf_transitions';

export type Seed = Readonly<Record<string, readonly Row[]>>;

function describeFilters(filters: Filters): string {
  try {
    return JSON.stringify(filters);
  } catch {
    return Object.keys(filters).join(', ');
  }
}

/** In place, without spreading: a spread of a large table overflows the call's arguments. */
function replaceRows(table: Row[], rows: readonly Row[]): void {
  table.length = 0;
  for (const row of rows) table.push(row);
}

/**
 * The tables of a MemoryAdapter and their synchronous operations. Every write pushes its undo
 * action, so rolling back to a savepoint is undoing down to a position in that list. Stored rows
 * are never handed out: rows and changes are deep-copied in, rows deep-copied out, so a stored
 * object value is never changed in place and an undo needs only a shallow copy of the row.
 */
export class MemoryStore {
  readonly tables = new Map<string, Row[]>();
  /** Undo actions of the open transaction, newest last. */
  readonly undo: Undo[] = [];
  /** Serialises top-level transactions and the operations outside them. */
  readonly queue: SerialQueue;
  readonly keepsTransitionLog: boolean;
  readonly #unique = new UniqueFields();

  constructor(seed: Seed, keepsTransitionLog: boolean, lockWait: WaitLimit | undefined) {
    this.keepsTransitionLog = keepsTransitionLog;
    this.queue = new SerialQueue(lockWait);
    for (const model of Object.keys(seed)) {
      const rows = seed[model];
      if (!Array.isArray(rows)) {
        throw new MemoryAdapterError(`the seed of ${model} must be an array of rows`);
      }
      const table = this.table(model);
      for (const row of rows) table.push(copyIn(model, row, 'a seed row', true));
    }
  }

  table(model: string): Row[] {
    let table = this.tables.get(model);
    if (!table) this.tables.set(model, (table = []));
    return table;
  }

  describeModel(model: string, identifierField: string): void {
    // Not `table()`: describing a model must not make a table of it appear in snapshots.
    this.#unique.describe(model, identifierField, this.tables.get(model) ?? []);
  }

  create(model: string, data: Row): Row {
    const row = copyIn(model, data, 'the data of create', true);
    const table = this.table(model);
    const unique = this.#unique;
    unique.checkCreate(model, table, row);
    table.push(row);
    unique.added(model, row);
    this.undo.push(() => {
      table.splice(table.indexOf(row), 1);
      unique.removed(model, row);
    });
    return copyOut(row);
  }

  /** The rows `filters` match, found through the identifier's index when they name it. */
  #matching(model: string, filters: Filters): Row[] {
    const indexed = this.#unique.lookup(model, filters);
    if (indexed === null) return [];
    if (indexed !== undefined) return matches(indexed, filters) ? [indexed] : [];
    const found: Row[] = [];
    for (const row of this.table(model)) if (matches(row, filters)) found.push(row);
    return found;
  }

  get(model: string, filters: Filters): Row {
    checkFilters(model, filters);
    const matched = this.#matching(model, filters);
    const found = matched[0];
    const count = matched.length;
    if (count > 1) {
      throw new MemoryAdapterError(
        `${model}: ${count} rows match ${describeFilters(filters)}, and get() returns exactly one. Use filter() to read several, or filter on the identifier (with the keys option or describeModel, the adapter keeps it unique)`,
      );
    }
    if (!found) throw new ObjectNotFound(model, filters);
    return copyOut(found);
  }

  filter(model: string, filters: Filters): Row[] {
    checkFilters(model, filters);
    return this.#matching(model, filters).map(copyOut);
  }

  update(model: string, filters: Filters, changes: Row): number {
    checkFilters(model, filters);
    const copy = copyIn(model, changes, 'the changes of update', false);
    const table = this.table(model);
    const matched = this.#matching(model, filters);
    if (matched.length === 0) return 0;
    const unique = this.#unique;
    unique.checkUpdate(model, table, matched, copy);
    const reindex = unique.touches(model, copy);
    for (let i = 0; i < matched.length; i++) {
      const row = matched[i] as Row;
      const before = { ...row };
      this.undo.push(() => {
        // Always reindexed: an index built after this update (describeModel) filed the row
        // under the values it is about to lose.
        const changed = { ...row };
        for (const key of Object.keys(row)) delete row[key];
        Object.assign(row, before);
        unique.changed(model, row, changed);
      });
      // Rows never share an object value, so each row after the first gets its own copy.
      Object.assign(row, i === 0 ? copy : copyOut(copy));
      if (reindex) unique.changed(model, row, before);
    }
    return matched.length;
  }

  delete(model: string, filters: Filters): number {
    checkFilters(model, filters);
    const table = this.table(model);
    const kept = table.filter((row) => !matches(row, filters));
    const removed = table.length - kept.length;
    if (removed > 0) {
      const before = table.slice();
      const unique = this.#unique;
      replaceRows(table, kept);
      unique.rebuilt(model, table);
      this.undo.push(() => {
        replaceRows(table, before);
        unique.rebuilt(model, table);
      });
    }
    return removed;
  }

  /** Logs `record` as the entity's next step and returns its `seq`. */
  recordTransition(record: TransitionRecord): number {
    const seq = this.#lastSeq(record.machine, record.entityId) + 1;
    const table = this.table(TRANSITION_LOG_TABLE);
    const logged = {
      ...record,
      seq,
      results: logRecordValues(record.results),
      metadata: logRecordValues(record.metadata),
    };
    const row = copyIn(TRANSITION_LOG_TABLE, logged, 'a transition log entry', true);
    table.push(row);
    this.undo.push(() => void table.splice(table.indexOf(row), 1));
    return seq;
  }

  #lastSeq(machine: string, entityId: unknown): number {
    let last = 0;
    for (const row of this.tables.get(TRANSITION_LOG_TABLE) ?? []) {
      if (matches(row, { machine, entityId })) last = Math.max(last, row['seq'] as number);
    }
    return last;
  }

  /** One entity's log entries (copies), by `seq`; transactions are serialised, so seqs run 1…N. */
  readTransitions(machine: string, entityId: unknown): TransitionLogEntry[] {
    const rows = this.tables.get(TRANSITION_LOG_TABLE) ?? [];
    return rows
      .filter((row) => matches(row, { machine, entityId }))
      .map((row) => copyOut(row) as unknown as TransitionLogEntry)
      .toSorted((a, b) => a.seq - b.seq);
  }

  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()?.();
  }
}
