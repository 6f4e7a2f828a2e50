import type { Database } from 'better-sqlite3';

/**
 * SQLite's busy_timeout waits for a lock by sleeping in the calling thread, which would freeze
 * the event loop, and with it any connection of this process that holds the lock. The adapter
 * turns it off while it works (taking the write lock with an asynchronous wait instead) and back
 * on once it has been idle for a turn of the event loop, so your own queries on
 * `adapter.database` wait as usual. Switching around every transaction would cost two statement
 * compilations per transaction.
 */
export class BusyTimeoutSwitch {
  readonly #db: Database;
  readonly #restore: string;
  #off = false;
  #restoreScheduled = false;

  constructor(db: Database, busyTimeout: number) {
    this.#db = db;
    // busy_timeout takes effect when the PRAGMA is prepared, so it cannot be a cached statement.
    this.#restore = `PRAGMA busy_timeout = ${busyTimeout}`;
    db.exec(this.#restore);
  }

  turnOff(): void {
    if (this.#off) return;
    this.#db.exec('PRAGMA busy_timeout = 0');
    this.#off = true;
  }

  /** After this turn of the event loop, unless a transaction is open by then (its end asks again). */
  restoreWhenIdle(): void {
    if (!this.#off || this.#restoreScheduled) return;
    this.#restoreScheduled = true;
    setImmediate(this.#restoreIfIdle).unref();
  }

  readonly #restoreIfIdle = (): void => {
    this.#restoreScheduled = false;
    if (!this.#off || !this.#db.open || this.#db.inTransaction) return;
    this.#db.exec(this.#restore);
    this.#off = false;
  };
}
