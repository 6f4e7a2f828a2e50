import {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogDdl,
  transitionLogStatements,
} from '../sql/transition-log-ddl.js';

/** The transition log's table and unique index for your migrations, as one Postgres script. */
export function pgTransitionLogDdl(table: string = DEFAULT_TRANSITION_LOG_TABLE): string {
  return transitionLogDdl('postgres', table);
}

/** The same as separate statements (each ends with `;`), all safe to rerun. */
export function pgTransitionLogStatements(table: string = DEFAULT_TRANSITION_LOG_TABLE): string[] {
  return transitionLogStatements('postgres', table);
}
