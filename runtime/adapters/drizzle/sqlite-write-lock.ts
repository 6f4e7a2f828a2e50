import type { Database } from 'better-sqlite3';
import { DatabaseConflictError } from '../../errors.js';
import type { ConnectionLane } from '../sqlite/connection-lane.js';
import { isBusyError } from '../sqlite/sqlite-errors.js';

/** Short delays between attempts: a process that polls rarely keeps losing the lock. */
const POLL_MS = [1, 1, 2, 2, 3, 4, 5] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE, so the write lock is taken up front and a compare-and-set never races. The
 * connection first takes this process's turn at the file's lock (first come, first served), then
 * polls while another process holds it, without SQLite's busy wait (which would block the event
 * loop); after `busyTimeout` ms in all it fails with `DatabaseConflictError('lock-timeout')`. The
 * caller gives the turn back (`lane.writeTurns.release()`) once the transaction has ended.
 */
export async function beginImmediate(
  client: Database,
  lane: ConnectionLane,
  busyTimeout: number,
): Promise<void> {
  const started = Date.now();
  const queued = lane.writeTurns.take(busyTimeout, (waited) =>
    lockTimeout(client, waited, undefined),
  );
  if (queued !== undefined) await queued;
  try {
    for (let attempt = 0; ; attempt++) {
      lane.busyTimeoutSwitch.turnOff();
      let busy: unknown;
      try {
        client.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusyError(error)) throw error;
        busy = error;
      }
      const waited = Date.now() - started;
      if (waited >= busyTimeout) throw lockTimeout(client, waited, busy);
      await sleep(
        Math.min(POLL_MS[Math.min(attempt, POLL_MS.length - 1)] ?? 5, busyTimeout - waited),
      );
    }
  } catch (error) {
    lane.writeTurns.release();
    throw error;
  }
}

function lockTimeout(client: Database, waitedMs: number, cause: unknown): DatabaseConflictError {
  return new DatabaseConflictError('lock-timeout', {
    code: 'SQLITE_BUSY',
    cause: cause ?? new Error(`waited ${waitedMs} ms for the write lock on ${client.name}`),
  });
}
