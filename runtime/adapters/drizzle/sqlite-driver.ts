import type { Database } from 'better-sqlite3';
import { AdapterReentryError } from '../../errors.js';
import { laneFor, type ConnectionLane } from '../sqlite/connection-lane.js';
import type { ConnectionDriver } from './connection-driver.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import { beginImmediate } from './sqlite-write-lock.js';

interface SqliteTransactional {
  readonly $client?: unknown;
  transaction<R>(fn: (tx: object) => R): R;
}

/**
 * better-sqlite3: Drizzle's transaction there is synchronous (better-sqlite3 refuses a callback
 * that returns a promise), so the adapter runs BEGIN IMMEDIATE … COMMIT on the connection itself
 * and awaits the callback in between. One Database object is one connection: its transactions
 * take turns, shared with every SqliteAdapter and DrizzleAdapter on the same object, and this
 * process's connections to one file take turns at the write lock (see `sqlite/connection-lane.ts`).
 */
export class SqliteDriver implements ConnectionDriver {
  readonly #db: SqliteTransactional;
  readonly #client: Database;
  readonly #lane: ConnectionLane;
  readonly #busyTimeout: number;
  #tx: object | undefined;

  constructor(db: object, busyTimeout: number) {
    this.#db = db as SqliteTransactional;
    const client = this.#db.$client as Partial<Database> | undefined;
    if (typeof client?.prepare !== 'function' || typeof client.inTransaction !== 'boolean') {
      throw new DrizzleAdapterError(
        'this SQLite database is not on better-sqlite3 (the only SQLite driver the adapter supports)',
      );
    }
    this.#client = client as Database;
    this.#busyTimeout = busyTimeout;
    this.#lane = laneFor(this.#client, busyTimeout);
  }

  async outermost<R>(fn: (tx: object) => Promise<R>): Promise<R> {
    const client = this.#client;
    await beginImmediate(client, this.#lane, this.#busyTimeout);
    try {
      let result: R;
      try {
        result = await fn(this.#transactionObject());
      } catch (error) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw error;
      }
      try {
        client.exec('COMMIT');
      } catch (error) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw error;
      }
      return result;
    } finally {
      this.#lane.writeTurns.release();
      this.#lane.busyTimeoutSwitch.restoreWhenIdle();
    }
  }

  turn<R>(job: () => Promise<R>): Promise<R> {
    return this.#lane.queue.run(job, this.#busyTimeout, this.#waitedTooLong);
  }

  transactionOpen(): boolean {
    return this.#client.inTransaction;
  }

  /**
   * The Drizzle transaction object handlers get as `meta.adapter.db`: Drizzle's own, taken once
   * from a transaction nested in the running one (a savepoint released at once); its queries run
   * on the connection, inside whatever transaction is open there.
   */
  #transactionObject(): object {
    this.#tx ??= this.#db.transaction((tx) => tx);
    return this.#tx;
  }

  readonly #waitedTooLong = (waitedMs: number): Error =>
    new AdapterReentryError(
      'DrizzleAdapter',
      `a call waited ${waitedMs} ms (busyTimeout) for a transaction running on this connection to ${this.#client.name} that did not end meanwhile. If that transaction is waiting for this call, it never will; if it is merely long, raise busyTimeout`,
    );
}
