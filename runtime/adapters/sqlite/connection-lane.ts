import type { Database } from 'better-sqlite3';
import { BusyTimeoutSwitch } from './busy-timeout-switch.js';
import { TurnQueue } from './turn-queue.js';
import { writeTurnsFor, type WriteTurns } from './write-turns.js';

/**
 * What every adapter on one better-sqlite3 Database shares: the queue of work on the connection
 * (one transaction at a time, whichever adapter opened it), its busy-timeout switch, and its
 * file's turns at the write lock. Two adapters on one Database object therefore take turns
 * instead of nesting BEGIN inside BEGIN.
 */
export interface ConnectionLane {
  readonly queue: TurnQueue;
  readonly busyTimeoutSwitch: BusyTimeoutSwitch;
  readonly writeTurns: WriteTurns;
}

const lanes = new WeakMap<Database, ConnectionLane>();

/** The lane of `db`; the first adapter's busyTimeout is what `db` waits with outside the adapter. */
export function laneFor(db: Database, busyTimeout: number): ConnectionLane {
  let lane = lanes.get(db);
  if (!lane) {
    lane = {
      queue: new TurnQueue(),
      busyTimeoutSwitch: new BusyTimeoutSwitch(db, busyTimeout),
      writeTurns: writeTurnsFor(db),
    };
    lanes.set(db, lane);
  }
  return lane;
}
