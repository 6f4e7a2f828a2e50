import type { SqliteConnection } from './connection.js';
import { SqliteBusyError } from './sqlite-errors.js';

/** SQLite's own busy-handler delays, in milliseconds. */
const BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Begins the outermost transaction with BEGIN IMMEDIATE, so the write lock is taken up front and
 * a transaction never fails half-way because another connection wrote first. While another
 * connection holds the lock, this waits asynchronously (the event loop keeps running, so a
 * connection of this same process can finish and commit) for up to `busyTimeout` ms, then throws
 * `SqliteBusyError`. Undefined when the lock was free: no promise, no tick.
 */
export function beginWriteTransaction(connection: SqliteConnection): Promise<void> | undefined {
  const busy = connection.tryBegin();
  // The first attempt does not wait, so the wait starts now.
  return busy ? waitForWriteLock(connection, Date.now(), busy) : undefined;
}

async function waitForWriteLock(
  connection: SqliteConnection,
  started: number,
  firstBusy: Error,
): Promise<void> {
  let busy: Error | null = firstBusy;
  for (let attempt = 0; busy; attempt++) {
    const waited = Date.now() - started;
    const remaining = connection.busyTimeout - waited;
    if (remaining <= 0) throw new SqliteBusyError(connection.db.name, waited, busy);
    await sleep(Math.min(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 100, remaining));
    busy = connection.tryBegin();
  }
}
