import type { Kysely } from 'kysely';
import type { CommitCallbacks } from '../commit-callbacks.js';
import { runTransactionCallback } from '../async-transaction-scope.js';
import { typedError, type FailureContext } from './driver-errors.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { RowStore } from './row-store.js';
import { sqliteTransactionDb } from './sqlite-transaction-db.js';
import {
  KyselyTransaction,
  type KyselyTransactionAdapter,
  type TransactionRun,
} from './transaction-handle.js';
import type { TransitionLogTable } from './transition-log.js';

/** A committed outermost transaction: `fn`'s result, and its onCommit work. */
export interface Committed<R> {
  readonly result: R;
  readonly callbacks: CommitCallbacks | undefined;
}

export interface TransactionSetup<DB> {
  readonly db: Kysely<DB>;
  readonly store: RowStore;
  readonly log: TransitionLogTable | undefined;
  readonly lane: object;
}

type Body<DB, R> = (tx: KyselyTransactionAdapter<DB>) => Promise<R>;

/**
 * BEGIN; COMMIT when `fn` resolves, ROLLBACK when it (or the COMMIT) fails. The handle is the
 * current transaction while `fn` runs synchronously, in scope wherever `fn` continues (see
 * async-transaction-scope.ts), and ends before COMMIT.
 */
export function runOutermostTransaction<DB, R>(
  setup: TransactionSetup<DB>,
  fn: Body<DB, R>,
): Promise<Committed<R>> {
  return setup.store.dialect === 'sqlite' ? onSqlite(setup, fn) : onServer(setup, fn);
}

/** Kysely's own transaction(): one pooled connection, BEGIN … COMMIT, ROLLBACK on a throw. */
async function onServer<DB, R>(
  setup: TransactionSetup<DB>,
  fn: Body<DB, R>,
): Promise<Committed<R>> {
  let handle: KyselyTransaction<DB> | undefined;
  try {
    const result = await setup.db.transaction().execute(async (trx) => {
      const run: TransactionRun = { ended: false, nextSavepoint: 0, lane: setup.lane };
      const tx = new KyselyTransaction(trx, trx.withoutPlugins(), setup.store, run, setup.log);
      handle = tx;
      try {
        return await runTransactionCallback(tx, fn);
      } finally {
        run.ended = true;
      }
    });
    return { result, callbacks: handle?.takeCommitCallbacks() };
  } catch (error) {
    throw typedError(error, failure(setup));
  }
}

/**
 * SQLite: BEGIN IMMEDIATE, which takes the write lock up front, so a second connection to the
 * file (another process) waits at BEGIN (better-sqlite3's busy timeout) instead of failing
 * when it first writes after reading. Kysely's transaction() begins deferred, so the adapter
 * begins and ends the transaction itself on a connection-bound instance.
 */
async function onSqlite<DB, R>(
  setup: TransactionSetup<DB>,
  fn: Body<DB, R>,
): Promise<Committed<R>> {
  return setup.db.connection().execute(async (connection) => {
    const runner = connection.withoutPlugins();
    try {
      await execute(runner, 'BEGIN IMMEDIATE');
    } catch (error) {
      throw typedError(error, failure(setup));
    }
    const run: TransactionRun = { ended: false, nextSavepoint: 0, lane: setup.lane };
    const db = sqliteTransactionDb(connection, () => run.ended);
    const tx = new KyselyTransaction(db, runner, setup.store, run, setup.log);
    let result: R;
    try {
      result = await runTransactionCallback(tx, fn);
    } catch (error) {
      run.ended = true;
      await rollbackQuietly(runner);
      throw error;
    }
    run.ended = true;
    try {
      await execute(runner, 'COMMIT');
    } catch (error) {
      await rollbackQuietly(runner);
      throw typedError(error, failure(setup));
    }
    return { result, callbacks: tx.takeCommitCallbacks() };
  });
}

/** SQLite may have rolled back already (some errors end the transaction themselves). */
async function rollbackQuietly(runner: QueryRunner): Promise<void> {
  try {
    await execute(runner, 'ROLLBACK');
  } catch {
    // No transaction left to roll back.
  }
}

function failure<DB>(setup: TransactionSetup<DB>): FailureContext {
  return { dialect: setup.store.dialect, model: '', logTable: setup.store.logTable };
}
