/**
 * The persisted transition log's table on each SQL dialect, for users' migrations. Every adapter
 * writes the same columns: one row per transition, numbered per entity by `seq` (1, 2, 3, …), and
 * the unique index on (machine, entity_id, seq) is what makes two transactions that both think
 * they take step N of one entity fail rather than both be logged. `entity_id` holds the primary
 * row's identifier as text (`String(id)`; a Date as its ISO text), compared exactly (binary on
 * MySQL, whose default collation would take 'a1' and 'A1' for one entity; up to 512 characters
 * there, the most the unique index may span).
 */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

export const DEFAULT_TRANSITION_LOG_TABLE = 'smf_transitions';

const quote = (dialect: SqlDialect, name: string): string =>
  dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;

/** The statements that create the log table and its index (each ends with `;`), safe to rerun. */
export function transitionLogStatements(
  dialect: SqlDialect,
  table: string = DEFAULT_TRANSITION_LOG_TABLE,
): string[] {
  const t = quote(dialect, table);
  const index = quote(dialect, `${table}_entity_seq`);
  switch (dialect) {
    case 'postgres':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  id BIGSERIAL PRIMARY KEY,
  machine TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  results JSONB NOT NULL,
  metadata JSONB NOT NULL
);`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${t} (machine, entity_id, seq);`,
      ];
    case 'mysql':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  machine VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  entity_id VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  seq INT NOT NULL,
  from_state VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  to_state VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  at DATETIME(3) NOT NULL,
  results JSON NOT NULL,
  metadata JSON NOT NULL,
  UNIQUE KEY ${index} (machine, entity_id, seq)
);`,
      ];
    case 'sqlite':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  id INTEGER PRIMARY KEY,
  machine TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at TEXT NOT NULL,
  results TEXT NOT NULL,
  metadata TEXT NOT NULL
);`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${t} (machine, entity_id, seq);`,
      ];
  }
}

/** The same statements as one script. */
export function transitionLogDdl(
  dialect: SqlDialect,
  table: string = DEFAULT_TRANSITION_LOG_TABLE,
): string {
  return transitionLogStatements(dialect, table).join('\n');
}

/** How an identifier is kept in `entity_id` and looked up by `history({ id })`. */
export function loggedEntityId(id: unknown): string {
  if (id instanceof Date) return id.toISOString();
  if (typeof id === 'object' && id !== null) return JSON.stringify(id);
  return String(id);
}
