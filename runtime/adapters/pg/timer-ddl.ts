import {
  DEFAULT_TIMER_TABLE,
  timerTableDdl,
  timerTableStatements,
} from '../sql/timer-table-ddl.js';

/** The durable timers' table and index for your migrations, as one Postgres script. */
export function pgTimerTableDdl(table: string = DEFAULT_TIMER_TABLE): string {
  return timerTableDdl('postgres', table);
}

/** The same as separate statements (each ends with `;`), all safe to rerun. */
export function pgTimerTableStatements(table: string = DEFAULT_TIMER_TABLE): string[] {
  return timerTableStatements('postgres', table);
}
