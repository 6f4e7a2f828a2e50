import { UniqueViolationError } from '../../errors.js';
import type {
  ClaimedTimer,
  ClaimOptions,
  StoredTimer,
  TimerFailure,
  TimerKey,
  TimerSchedule,
} from '../../timer-operations.js';
import { DEFAULT_TIMER_TABLE } from '../sql/timer-table-ddl.js';
import { loggedEntityId } from '../sql/transition-log-ddl.js';
import {
  checkClaimed,
  claimUntil,
  compareTimers,
  lastErrorText,
  retryAt,
  timerInserts,
} from '../timer-input.js';
import type { MemoryStore } from './memory-store.js';

/** A stored timer as the table holds it; never handed out, only copies of it. */
type TimerRow = { -readonly [K in keyof StoredTimer]: StoredTimer[K] };

const copy = (row: TimerRow): StoredTimer => ({
  ...row,
  dueAt: new Date(row.dueAt),
  nextAttemptAt: new Date(row.nextAttemptAt),
  claimedUntil: row.claimedUntil === null ? null : new Date(row.claimedUntil),
  createdAt: new Date(row.createdAt),
});

const sameKey = (row: TimerKey, key: TimerKey): boolean =>
  row.machine === key.machine &&
  row.entityId === key.entityId &&
  row.entrySeq === key.entrySeq &&
  row.target === key.target;

/**
 * A MemoryAdapter's durable timers: rows of the store's `smf_timers` table, each write pushing its
 * undo action onto the store's undo list like the store's own writes, so rolling back a
 * transaction or savepoint takes its timer writes back too. Transactions on the store run one at
 * a time, so a claim needs no locks.
 */
export class MemoryTimers {
  readonly #store: MemoryStore;

  constructor(store: MemoryStore) {
    this.#store = store;
  }

  get #rows(): TimerRow[] {
    return this.#store.table(DEFAULT_TIMER_TABLE) as unknown as TimerRow[];
  }

  schedule(schedule: TimerSchedule): number {
    const inserts = timerInserts(schedule);
    const entityId = loggedEntityId(schedule.entityId);
    const rows = this.#rows;
    const entrySeq = schedule.entrySeq ?? this.#lastEntry(schedule.machine, entityId) + 1;
    const added: TimerRow[] = inserts.map((insert) => ({
      machine: insert.machine,
      entityId: insert.entityId,
      entrySeq,
      target: insert.target,
      state: insert.state,
      dueAt: insert.dueAt,
      nextAttemptAt: new Date(insert.dueAt),
      attempts: 0,
      lastError: null,
      claimedUntil: null,
      createdAt: insert.createdAt,
    }));
    for (const row of added) {
      if (rows.some((existing) => sameKey(existing, row))) {
        const { machine, entrySeq: seq, target } = row;
        throw new UniqueViolationError(DEFAULT_TIMER_TABLE, {
          machine,
          entityId,
          entrySeq: seq,
          target,
        });
      }
    }
    for (const row of added) rows.push(row);
    this.#store.undo.push(() => {
      for (const row of added) rows.splice(rows.indexOf(row), 1);
    });
    return entrySeq;
  }

  cancel(machine: string, entityId: unknown): number {
    const id = loggedEntityId(entityId);
    return this.#remove((row) => row.machine === machine && row.entityId === id);
  }

  claim(options: ClaimOptions): ClaimedTimer[] {
    const until = claimUntil(options);
    const now = options.now.getTime();
    const due = this.#rows
      .filter(
        (row) =>
          row.machine === options.machine &&
          row.nextAttemptAt.getTime() <= now &&
          (row.claimedUntil === null || row.claimedUntil.getTime() <= now),
      )
      .toSorted(compareTimers)
      .slice(0, options.limit);
    for (const row of due) this.#change(row, { claimedUntil: new Date(until) });
    return due.map((row) => copy(row) as ClaimedTimer);
  }

  fired(timer: ClaimedTimer): boolean {
    const claim = checkClaimed(timer).getTime();
    return this.#remove((row) => sameKey(row, timer) && row.claimedUntil?.getTime() === claim) > 0;
  }

  failed(timer: ClaimedTimer, failure: TimerFailure): boolean {
    const claim = checkClaimed(timer).getTime();
    const next = retryAt(failure);
    const row = this.#rows.find((r) => sameKey(r, timer) && r.claimedUntil?.getTime() === claim);
    if (row === undefined) return false;
    this.#change(row, {
      attempts: row.attempts + 1,
      lastError: lastErrorText(failure),
      nextAttemptAt: next,
      claimedUntil: null,
    });
    return true;
  }

  read(machine: string, entityId: unknown): StoredTimer[] {
    const id = loggedEntityId(entityId);
    return this.#rows
      .filter((row) => row.machine === machine && row.entityId === id)
      .toSorted(
        (a, b) =>
          a.entrySeq - b.entrySeq || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
      )
      .map(copy);
  }

  #lastEntry(machine: string, entityId: string): number {
    let last = 0;
    for (const row of this.#rows) {
      if (row.machine === machine && row.entityId === entityId) last = Math.max(last, row.entrySeq);
    }
    return last;
  }

  #change(row: TimerRow, changes: Partial<TimerRow>): void {
    const before = { ...row };
    Object.assign(row, changes);
    this.#store.undo.push(() => void Object.assign(row, before));
  }

  #remove(matches: (row: TimerRow) => boolean): number {
    const rows = this.#rows;
    const before = rows.slice();
    const kept = rows.filter((row) => !matches(row));
    const removed = rows.length - kept.length;
    if (removed === 0) return 0;
    rows.length = 0;
    for (const row of kept) rows.push(row);
    this.#store.undo.push(() => {
      rows.length = 0;
      for (const row of before) rows.push(row);
    });
    return removed;
  }
}

const stores = new WeakMap<MemoryStore, MemoryTimers>();

/** The timers of `store`, one object per store. */
export function memoryTimersOf(store: MemoryStore): MemoryTimers {
  let timers = stores.get(store);
  if (timers === undefined) stores.set(store, (timers = new MemoryTimers(store)));
  return timers;
}
