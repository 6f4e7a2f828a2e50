import { sql, type SQL } from 'drizzle-orm';
import type { TimerSqlRunner } from '../sql/timer-sql.js';
import type { SqlDialect } from '../sql/transition-log-ddl.js';
import type { RawSql } from './raw-sql.js';

/**
 * The timer statements on a Drizzle transaction: the text between placeholders as raw SQL, the
 * parameters as Drizzle's. A statement without rows (an INSERT) runs with `run`, since
 * better-sqlite3 refuses `all` for it; counts come from RETURNING.
 */
export function drizzleTimerRunner(raw: RawSql, dialect: SqlDialect): TimerSqlRunner {
  const placeholder = dialect === 'postgres' ? /\$\d+/ : /\?/;
  return async (text, params) => {
    const chunks: SQL[] = [];
    text.split(placeholder).forEach((part, i) => {
      chunks.push(sql.raw(part));
      if (i < params.length) chunks.push(sql`${params[i]}`);
    });
    const query = sql.join(chunks);
    if (/^\s*SELECT\b/i.test(text) || /\bRETURNING\b/.test(text)) {
      return { rows: await raw.all(query) };
    }
    await raw.run(query);
    return { rows: [] };
  };
}
