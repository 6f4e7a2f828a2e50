import { DEFAULT_TIMER_TABLE, timerTableDdl } from '../sql/timer-table-ddl.js';

export { DEFAULT_TIMER_TABLE };

/** The durable timers' table and index on SQLite, for your migrations (see `timerTableDdl`). */
export function sqliteTimerTableDdl(table: string = DEFAULT_TIMER_TABLE): string {
  return timerTableDdl('sqlite', table);
}
