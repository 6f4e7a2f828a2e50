import type { CommitCallbacks } from '../commit-callbacks.js';
import { withCurrentTransaction } from '../current-transaction.js';
import type { ORMAdapter } from '../../orm-adapter.js';
import type { SqliteConnection } from './connection.js';
import { SqliteTransactionScope } from './transaction-scope.js';
import { beginWriteTransaction, endWriteTransaction } from './write-lock.js';

/** What a committed outermost transaction hands back: `fn`'s result, and its onCommit work. */
export interface Committed<R> {
  readonly result: R;
  readonly callbacks: CommitCallbacks | undefined;
}

/**
 * BEGIN IMMEDIATE; COMMIT when `fn` resolves, ROLLBACK when it (or the COMMIT) fails. The handle
 * is the current transaction while `fn` runs synchronously. The turn at the write lock is given
 * back before this resolves; the onCommit callbacks are the caller's to run once it has also
 * given back its turn on the connection.
 */
export async function runOutermostTransaction<R>(
  connection: SqliteConnection,
  fn: (tx: ORMAdapter) => Promise<R>,
): Promise<Committed<R>> {
  try {
    const waiting = beginWriteTransaction(connection);
    if (waiting) await waiting;
    try {
      return await runBegun(connection, fn);
    } finally {
      endWriteTransaction(connection);
    }
  } finally {
    connection.busyTimeoutSwitch.restoreWhenIdle();
  }
}

async function runBegun<R>(
  connection: SqliteConnection,
  fn: (tx: ORMAdapter) => Promise<R>,
): Promise<Committed<R>> {
  const scope = new SqliteTransactionScope(connection, 0);
  let result: R;
  try {
    result = await withCurrentTransaction(scope, () => fn(scope));
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
  return { result, callbacks: scope.takeCommitCallbacks() };
}
