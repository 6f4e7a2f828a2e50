import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';

interface Waiter {
  readonly grant: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The turns of this process's connections to one database file at its write lock, first come
 * first served: a connection joins before it tries BEGIN IMMEDIATE and leaves after COMMIT or
 * ROLLBACK, so one that just committed queues behind those already waiting instead of taking
 * the lock again before they poll. Only the holder of the turn polls for a lock held by another
 * process.
 */
export class WriteTurns {
  #taken = false;
  readonly #waiting: Waiter[] = [];

  /** Undefined when the turn is free (taken at once); otherwise granted in order, or timed out. */
  take(limit: number, timedOut: (waitedMs: number) => Error): Promise<void> | undefined {
    if (!this.#taken) {
      this.#taken = true;
      return undefined;
    }
    const joined = Date.now();
    return new Promise<void>((grant, fail) => {
      const waiter: Waiter = {
        grant,
        timer: setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          fail(timedOut(Date.now() - joined));
        }, limit),
      };
      this.#waiting.push(waiter);
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#taken = false;
      return;
    }
    clearTimeout(next.timer);
    next.grant();
  }
}

/** One per file for the whole process; kept for the process's life (one small object a file). */
const byFile = new Map<string, WriteTurns>();

/** The turns for `db`'s file. An in-memory database is its connection's alone. */
export function writeTurnsFor(db: Database): WriteTurns {
  if (db.memory) return new WriteTurns();
  const file = canonicalPath(db.name);
  let turns = byFile.get(file);
  if (!turns) {
    turns = new WriteTurns();
    byFile.set(file, turns);
  }
  return turns;
}

function canonicalPath(name: string): string {
  const path = resolve(name);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
