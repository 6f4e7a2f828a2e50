// Waiting, without a clock, until statements of this test's connections are blocked on row
// locks: the server's own view of who waits (pg_stat_activity, information_schema.INNODB_TRX).
import { sql } from 'kysely';
import type { KyselyDatabase } from './kysely-databases.js';

/**
 * Resolves once at least `count` statements on the test's schema / database wait for a lock, or
 * once `waiter` (the transaction expected to wait) has settled: then it did not wait, and the
 * test goes on to see why.
 */
export async function lockWaiters(
  database: KyselyDatabase,
  waiter: Promise<unknown>,
  count = 1,
): Promise<void> {
  const state = { settled: false };
  const done = () => void (state.settled = true);
  waiter.then(done, done);
  const waiting =
    database.dialect === 'postgres'
      ? sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND application_name = ${database.name}`
      : sql<{ n: number }>`SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t
          JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
          WHERE t.trx_state = 'LOCK WAIT' AND p.DB = ${database.name}`;
  const observer = database.other();
  while (!state.settled) {
    const { rows } = await waiting.execute(observer);
    if (Number(rows[0]?.n ?? 0) >= count) return;
    // InnoDB refreshes INNODB_TRX only for a reader that has not looked for 0.1 s.
    await new Promise((resolve) => setTimeout(resolve, database.dialect === 'mysql' ? 150 : 10));
  }
}
