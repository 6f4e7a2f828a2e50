import type { Database, Statement } from 'better-sqlite3';
import type { BusyTimeoutSwitch } from './busy-timeout-switch.js';
import { laneFor, type ConnectionLane } from './connection-lane.js';
import { RowQueries } from './row-queries.js';
import { RowStore } from './row-store.js';
import { isBusyError } from './sqlite-errors.js';
import { TransitionLog } from './transition-log.js';
import { SqlTimers } from '../sql/timer-sql.js';

export interface SavepointStatements {
  readonly open: Statement;
  readonly release: Statement;
  readonly rollbackTo: Statement;
}

/**
 * One adapter's view of a better-sqlite3 connection and everything it prepared there, shared by
 * the adapter and the handles of its transactions.
 */
export class SqliteConnection {
  readonly db: Database;
  readonly rows: RowStore;
  /** `findPage` and `countGrouped`. */
  readonly queries: RowQueries;
  /** Milliseconds a transaction waits for another connection's write lock. */
  readonly busyTimeout: number;
  /** The transition log, when it is on. */
  readonly transitionLog: TransitionLog | undefined;
  readonly begin: Statement;
  readonly commit: Statement;
  readonly rollback: Statement;
  readonly busyTimeoutSwitch: BusyTimeoutSwitch;
  /** Shared by every adapter on this Database object. */
  readonly lane: ConnectionLane;
  readonly #savepoints: SavepointStatements[] = [];
  /** The durable timers' table (`timerTable`, set by the adapter). */
  timers = new SqlTimers('sqlite');

  /** `transitionLogTable`: the log's table, created if missing. */
  constructor(
    db: Database,
    tableFor: (model: string) => string,
    busyTimeout: number,
    transitionLogTable?: string,
  ) {
    this.db = db;
    this.busyTimeout = busyTimeout;
    if (!db.memory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    this.lane = laneFor(db, busyTimeout);
    this.busyTimeoutSwitch = this.lane.busyTimeoutSwitch;
    this.rows = new RowStore(db, tableFor);
    this.queries = new RowQueries(db, tableFor);
    this.transitionLog =
      transitionLogTable === undefined ? undefined : new TransitionLog(db, transitionLogTable);
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /**
   * BEGIN IMMEDIATE without SQLite's own busy wait, which would block the whole thread (and with it
   * any other connection of this process that holds the lock). Null once begun; SQLite's
   * SQLITE_BUSY error when another connection holds the lock.
   */
  tryBegin(): Error | null {
    this.busyTimeoutSwitch.turnOff();
    try {
      this.begin.run();
      return null;
    } catch (error) {
      if (isBusyError(error)) return error as Error;
      throw error;
    }
  }

  /** Savepoints are named by depth: a transaction has at most one nested transaction open. */
  savepoint(depth: number): SavepointStatements {
    let statements = this.#savepoints[depth];
    if (!statements) {
      const name = `smf_sp_${depth}`;
      statements = {
        open: this.db.prepare(`SAVEPOINT ${name}`),
        release: this.db.prepare(`RELEASE ${name}`),
        rollbackTo: this.db.prepare(`ROLLBACK TO ${name}`),
      };
      this.#savepoints[depth] = statements;
    }
    return statements;
  }

  /** ROLLBACK, unless SQLite already rolled the transaction back itself (after SQLITE_FULL, say). */
  rollbackIfOpen(): void {
    if (this.db.inTransaction) this.rollback.run();
  }
}
