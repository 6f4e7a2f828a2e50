import type { ORMAdapter } from '../orm-adapter.js';
import type { SqliteConnection } from './connection.js';
import { SqliteTransactionScope } from './transaction-scope.js';
import { beginWriteTransaction } from './write-lock.js';

/** BEGIN IMMEDIATE; COMMIT when `fn` resolves, ROLLBACK when it (or the COMMIT) fails. */
export async function runOutermostTransaction<R>(
  connection: SqliteConnection,
  fn: (tx: ORMAdapter) => Promise<R>,
): Promise<R> {
  try {
    const waiting = beginWriteTransaction(connection);
    if (waiting) await waiting;
    const scope = new SqliteTransactionScope(connection, 0);
    let result: R;
    try {
      result = await fn(scope);
    } catch (error) {
      scope.end();
      connection.rollbackIfOpen();
      throw error;
    }
    scope.end();
    try {
      connection.commit.run();
    } catch (error) {
      connection.rollbackIfOpen();
      throw error;
    }
    return result;
  } finally {
    connection.busyTimeoutSwitch.restoreWhenIdle();
  }
}
