import { SqlTimers, type TimerSqlRunner } from '../sql/timer-sql.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { RowStore } from './row-store.js';

/** Each adapter's timers table, by the row store its handles share. */
const timersByStore = new WeakMap<RowStore, SqlTimers>();

export function setKyselyTimers(store: RowStore, timers: SqlTimers): void {
  timersByStore.set(store, timers);
}

/** The timers of the adapter whose row store is `store`. */
export function kyselyTimersOf(store: RowStore): SqlTimers {
  const timers = timersByStore.get(store);
  if (timers === undefined) throw new Error('KyselyAdapter: this row store has no timers table');
  return timers;
}

/** The timer statements on a Kysely transaction (or connection), plugins bypassed. */
export function kyselyTimerRunner(runner: QueryRunner): TimerSqlRunner {
  return async (sql, params) => {
    const result = await execute(runner, sql, params);
    return { rows: result.rows, affected: result.numAffectedRows };
  };
}
