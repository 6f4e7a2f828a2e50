import type { SqliteConnection } from './connection.js';
import { SqliteBusyError } from './sqlite-errors.js';

/**
 * Delays between attempts at a lock held by another process: short, since a waiting process
 * that polls rarely keeps losing the lock to one that takes it again at once.
 */
const POLL_MS = [1, 1, 2, 2, 3, 4, 5] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Begins the outermost transaction with BEGIN IMMEDIATE, so the write lock is taken up front and
 * a transaction never fails half-way because another connection wrote first. The connection
 * first takes its turn among this process's connections to the file (first come, first served),
 * then polls while another process holds the lock, without blocking the event loop; after
 * `busyTimeout` ms in all it throws `SqliteBusyError`. Undefined when the lock was free: no
 * promise, no tick. Once begun, the caller gives the turn back after COMMIT or ROLLBACK
 * (`endWriteTransaction`).
 */
export function beginWriteTransaction(connection: SqliteConnection): Promise<void> | undefined {
  const turns = connection.lane.writeTurns;
  const queued = turns.take(
    connection.busyTimeout,
    (waited) =>
      new SqliteBusyError(
        connection.db.name,
        waited,
        undefined,
        'other connections of this process held it or were ahead of this one in the queue for it',
      ),
  );
  if (queued === undefined) return begin(connection, Date.now);
  const started = Date.now();
  return queued.then(() => begin(connection, () => started));
}

/** Gives this process's turn at the write lock to the next connection waiting for it. */
export function endWriteTransaction(connection: SqliteConnection): void {
  connection.lane.writeTurns.release();
}

function begin(connection: SqliteConnection, started: () => number): Promise<void> | undefined {
  let busy: Error | null;
  try {
    busy = connection.tryBegin();
  } catch (error) {
    endWriteTransaction(connection);
    throw error;
  }
  // The first attempt does not wait, so a wait for another process starts now at the latest.
  return busy ? pollForLock(connection, started(), busy) : undefined;
}

async function pollForLock(
  connection: SqliteConnection,
  started: number,
  firstBusy: Error,
): Promise<void> {
  let busy: Error | null = firstBusy;
  try {
    for (let attempt = 0; busy; attempt++) {
      const waited = Date.now() - started;
      const remaining = connection.busyTimeout - waited;
      if (remaining <= 0) {
        throw new SqliteBusyError(
          connection.db.name,
          waited,
          busy,
          'another connection (another process, or one this adapter does not manage) held it',
        );
      }
      await sleep(Math.min(POLL_MS[Math.min(attempt, POLL_MS.length - 1)] ?? 5, remaining));
      busy = connection.tryBegin();
    }
  } catch (error) {
    endWriteTransaction(connection);
    throw error;
  }
}
