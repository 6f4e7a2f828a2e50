import type { TimerSqlRunner } from '../sql/timer-sql.js';
import { mapPgError } from './error-mapping.js';
import { SqlStatement } from './sql-text.js';
import type { RunStatement } from './table-schema.js';

/**
 * The timer statements (written with `$1`, `$2`, … in order, each once) on a transaction's
 * client, with the adapter's error mapping.
 */
export function pgTimerRunner(run: RunStatement, table: string): TimerSqlRunner {
  return async (sql, params) => {
    const statement = new SqlStatement();
    const texts = sql.split(/\$\d+/);
    texts.forEach((text, i) => {
      statement.text(text);
      if (i < params.length) statement.value(params[i]);
    });
    try {
      const result = await run(statement);
      return { rows: result.rows, affected: result.rowCount ?? 0 };
    } catch (error) {
      throw mapPgError(error, { model: table });
    }
  };
}
