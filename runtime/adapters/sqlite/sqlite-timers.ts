import type { Database } from 'better-sqlite3';
import type { TimerSqlRunner } from '../sql/timer-sql.js';

/**
 * The timer statements on a better-sqlite3 connection, inside the transaction it is in: each
 * runs synchronously, so its promise is settled when it is returned.
 */
export function sqliteTimerRunner(db: Database): TimerSqlRunner {
  return (sql, params) => {
    try {
      const statement = db.prepare(sql);
      if (statement.reader) {
        return Promise.resolve({ rows: statement.all(...params) as Record<string, unknown>[] });
      }
      return Promise.resolve({ rows: [], affected: statement.run(...params).changes });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
}
