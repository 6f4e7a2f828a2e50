import type { CommitCallbacks } from '../commit-callbacks.js';
import type { PgPool } from './driver-types.js';
import { runAutocommit } from './autocommit-statement.js';
import { isConnectionError, PgSession } from './session.js';
import type { RunStatement } from './table-schema.js';
import type { PgTransactionHandle } from './transaction-handle.js';
import type { PgTransitionLog } from './transition-log.js';

export interface Committed<R> {
  readonly value: R;
  /** The onCommit work, to run once the client is back in the pool. */
  readonly callbacks: CommitCallbacks | undefined;
}

// A connection that drops while the client is checked out fails the query in flight; pg also
// emits 'error' on the client, which would crash the process with no listener there.
const ignore = (): void => {};

/**
 * One outermost transaction on a client of its own: `start` makes its handle and callback, which
 * commits when the callback resolves and rolls back when it rejects. The client goes back to the
 * pool afterwards (destroyed if its connection failed).
 */
export async function runOutermost<R>(
  pool: PgPool,
  log: PgTransitionLog | undefined,
  start: (session: PgSession) => { tx: PgTransactionHandle; run: () => Promise<R> },
): Promise<Committed<R>> {
  const client = await pool.connect();
  client.on?.('error', ignore);
  const session = new PgSession(client);
  try {
    if (log !== undefined && !log.ready) {
      await log.ensure(client).catch((error: unknown) => {
        if (isConnectionError(error)) session.broken = error as Error;
        throw error;
      });
    }
    const { tx, run } = start(session);
    let value: R;
    try {
      value = await run();
    } catch (error) {
      session.ended = true;
      tx.end();
      await session.rollback();
      throw error;
    }
    session.ended = true;
    tx.end();
    try {
      await session.commit();
    } catch (error) {
      await session.rollback();
      throw error;
    }
    return { value, callbacks: tx.takeCommitCallbacks() };
  } finally {
    client.removeListener?.('error', ignore);
    client.release(session.broken);
  }
}

/** `job` on a pooled client in autocommit; with `log`, the log's table is made sure of first. */
export async function withPooledClient<R>(
  pool: PgPool,
  log: PgTransitionLog | undefined,
  job: (run: RunStatement) => Promise<R>,
): Promise<R> {
  const client = await pool.connect();
  client.on?.('error', ignore);
  let broken: Error | undefined;
  const run: RunStatement = async (statement) => {
    try {
      return await runAutocommit(client, statement);
    } catch (error) {
      if (isConnectionError(error)) broken = error as Error;
      throw error;
    }
  };
  try {
    if (log !== undefined && !log.ready) {
      await log.ensure(client).catch((error: unknown) => {
        if (isConnectionError(error)) broken = error as Error;
        throw error;
      });
    }
    return await job(run);
  } finally {
    client.removeListener?.('error', ignore);
    client.release(broken);
  }
}
