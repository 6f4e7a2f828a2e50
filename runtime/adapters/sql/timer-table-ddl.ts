import type { SqlDialect } from './transition-log-ddl.js';

/**
 * The durable timers' table on each SQL dialect, for users' migrations: one row per timer of one
 * entry of an entity into a state. `entity_id` is the primary row's identifier as text, as in
 * the transition log (`loggedEntityId`); `entry_seq` is the log `seq` of the transition into
 * `state` (or the adapter's own count of entries when it keeps no log). The primary key on
 * (machine, entity_id, entry_seq, target) schedules a timer once per entry and target; the index
 * on (machine, next_attempt_at) serves the workers' claim. Times are UTC: TIMESTAMPTZ on
 * PostgreSQL, DATETIME(3) holding UTC on MySQL/MariaDB, ISO-8601 text (`…T…Z`, which sorts as
 * time does) on SQLite. On MySQL the key must fit InnoDB's 3072 bytes, so a target state's name
 * is at most 63 characters there; text compares exactly (binary collations).
 */
export const DEFAULT_TIMER_TABLE = 'smf_timers';

const quote = (dialect: SqlDialect, name: string): string =>
  dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;

const KEY = 'PRIMARY KEY (machine, entity_id, entry_seq, target)';

/** MySQL text compared exactly, as the log's columns are. */
const text = (length: number) => `VARCHAR(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`;

/** The statements that create the table and its index (each ends with `;`), safe to rerun. */
export function timerTableStatements(
  dialect: SqlDialect,
  table: string = DEFAULT_TIMER_TABLE,
): string[] {
  const t = quote(dialect, table);
  const index = quote(dialect, `${table}_due`);
  switch (dialect) {
    case 'postgres':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  machine TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  target TEXT NOT NULL,
  state TEXT NOT NULL,
  due_at TIMESTAMPTZ NOT NULL,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_until TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  ${KEY}
);`,
        `CREATE INDEX IF NOT EXISTS ${index} ON ${t} (machine, next_attempt_at);`,
      ];
    case 'mysql': {
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  machine ${text(191)} NOT NULL,
  entity_id ${text(512)} NOT NULL,
  entry_seq INT NOT NULL,
  target ${text(63)} NOT NULL,
  state ${text(191)} NOT NULL,
  due_at DATETIME(3) NOT NULL,
  next_attempt_at DATETIME(3) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_until DATETIME(3),
  created_at DATETIME(3) NOT NULL,
  ${KEY},
  KEY ${index} (machine, next_attempt_at)
);`,
      ];
    }
    case 'sqlite':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  machine TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  target TEXT NOT NULL,
  state TEXT NOT NULL,
  due_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_until TEXT,
  created_at TEXT NOT NULL,
  ${KEY}
);`,
        `CREATE INDEX IF NOT EXISTS ${index} ON ${t} (machine, next_attempt_at);`,
      ];
  }
}

/** The same statements as one script. */
export function timerTableDdl(dialect: SqlDialect, table: string = DEFAULT_TIMER_TABLE): string {
  return timerTableStatements(dialect, table).join('\n');
}
