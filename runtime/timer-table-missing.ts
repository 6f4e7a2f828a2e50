import { UsageError } from './errors.js';

/** What SQLite, PostgreSQL and MySQL/MariaDB say of a table that is not there. */
const MISSING_TABLE = /no such table|relation .* does not exist|table .* doesn't exist/i;

/**
 * A timer operation's failure because the timers table was never created, as a `UsageError`
 * that says how to create it; undefined for any other failure. Adapters do not create the
 * table (the transition log's they do): users' migrations do.
 */
export function missingTimerTable(machine: string, error: unknown): UsageError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!MISSING_TABLE.test(message)) return undefined;
  return new UsageError(
    `${machine}: the durable timers table is missing (${message}); create it in a migration with timerTableDdl(dialect), or name yours in the adapter's timerTable option`,
    { machine, cause: error },
  );
}
