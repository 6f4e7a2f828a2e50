import type { Database } from 'better-sqlite3';
import type { Row, TransitionLogEntry } from '../orm-adapter.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { quoteIdentifier } from './table-schema.js';

export const DEFAULT_TRANSITION_LOG_TABLE = 'smf_transitions';

const COLUMNS = [
  'machine',
  'entity_id',
  'seq',
  'from_state',
  'to_state',
  'at',
  'metadata',
] as const;

const createTableSql = (table: string) => `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)} (
  id INTEGER PRIMARY KEY,
  machine TEXT NOT NULL,
  entity_id,
  seq INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at DATETIME NOT NULL,
  metadata JSON NOT NULL
)`;

const createIndexSql = (table: string) =>
  `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${table}_entity`)} ON ${quoteIdentifier(table)} (machine, entity_id, id)`;

/**
 * The transition log's table. `seq` is the transition's position in its workflow run, so it is
 * not unique per entity; `id` gives the overall order. `entity_id` has no declared type so an
 * identifier keeps its type (text or integer). Safe to run repeatedly.
 */
export function transitionLogDdl(table = DEFAULT_TRANSITION_LOG_TABLE): string {
  return `${createTableSql(table)};\n${createIndexSql(table)};`;
}

/**
 * Creates the log table unless it exists, and refuses one that exists without the log's
 * columns now rather than at the first transition.
 */
export function ensureTransitionLogTable(db: Database, table: string): void {
  db.exec(createTableSql(table));
  const present = new Set(
    (db.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all() as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  const missing = COLUMNS.filter((column) => !present.has(column));
  if (missing.length > 0) {
    throw new SqliteAdapterError(
      `the transition log table "${table}" exists but lacks column(s) ${missing.join(', ')}; it needs the columns of transitionLogDdl('${table}')`,
    );
  }
  db.exec(createIndexSql(table));
}

/**
 * Handler results are whatever handlers returned; they are logged as JSON gives them back (a Date
 * as its ISO text, a Map as {}), and one that JSON cannot hold (a cycle, a bigint) as a
 * description, rather than failing the transition they describe.
 */
function jsonSafe(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    try {
      const text = JSON.stringify(value);
      if (text !== undefined) safe[key] = JSON.parse(text);
    } catch (error) {
      safe[key] = `[not JSON-serialisable: ${(error as Error).message}]`;
    }
  }
  return safe;
}

export function toLogRow(entry: TransitionLogEntry): Row {
  return {
    machine: entry.machine,
    entity_id: entry.entityId ?? null,
    seq: entry.seq,
    from_state: entry.from,
    to_state: entry.to,
    at: entry.at,
    metadata: jsonSafe(entry.metadata),
  };
}

export function fromLogRow(row: Row): TransitionLogEntry {
  return {
    machine: row['machine'] as string,
    entityId: row['entity_id'],
    seq: Number(row['seq']),
    from: (row['from_state'] as string | null) ?? null,
    to: row['to_state'] as string,
    at: row['at'] instanceof Date ? row['at'] : new Date(String(row['at'])),
    metadata: (row['metadata'] ?? {}) as Record<string, unknown>,
  };
}
