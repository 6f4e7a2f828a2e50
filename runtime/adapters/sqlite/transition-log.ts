import type { Database, Statement } from 'better-sqlite3';
import type { TransitionLogEntry, TransitionRecord } from '../../orm-adapter.js';
import { logRecordJson } from '../sql/log-record-json.js';
import { loggedEntityId, transitionLogStatements } from '../sql/transition-log-ddl.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { quoteIdentifier } from './table-schema.js';
import { DatabaseConflictError } from '../../errors.js';

export { DEFAULT_TRANSITION_LOG_TABLE } from '../sql/transition-log-ddl.js';

const COLUMNS = [
  'machine',
  'entity_id',
  'seq',
  'from_state',
  'to_state',
  'at',
  'results',
  'metadata',
] as const;

/** The log table's DDL on SQLite (see `transitionLogDdl` in the SQL dialect module). */
export function transitionLogDdl(table?: string): string {
  return transitionLogStatements('sqlite', table).join('\n');
}

interface LogRow {
  readonly entity_id: string;
  readonly machine: string;
  readonly seq: number | bigint;
  readonly from_state: string | null;
  readonly to_state: string;
  readonly at: string;
  readonly results: string;
  readonly metadata: string;
}

/**
 * The transition log of one adapter: the table is created if missing, and refused now (rather
 * than at the first transition) when it exists without the log's columns. Each transition is one
 * INSERT that numbers it after the entity's last step; the unique index turns a second writer of
 * the same step into a conflict.
 */
export class TransitionLog {
  readonly #table: string;
  readonly #insert: Statement;
  readonly #readEntity: Statement;
  readonly #readAll: Statement;

  constructor(db: Database, table: string) {
    this.#table = table;
    // The table first, its columns checked, then the index: an index made on a table that turns
    // out not to be a log would keep its name when the table is renamed, and the new log's index
    // would then not be made.
    const [createTable, ...createIndexes] = transitionLogStatements('sqlite', table);
    db.exec(createTable ?? '');
    const present = new Set(
      (db.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all() as { name: string }[]).map(
        (c) => c.name,
      ),
    );
    const missing = COLUMNS.filter((column) => !present.has(column));
    if (missing.length > 0) {
      throw new SqliteAdapterError(
        `the transition log table "${table}" exists but lacks column(s) ${missing.join(', ')}; it needs the columns of transitionLogDdl('${table}') (a log made by version 0.2 numbered steps per run: rename it and let the adapter create a new one)`,
      );
    }
    for (const statement of createIndexes) db.exec(statement);
    const t = quoteIdentifier(table);
    this.#insert = db.prepare(
      `INSERT INTO ${t} (machine, entity_id, seq, from_state, to_state, at, results, metadata)
       SELECT @machine, @entity, COALESCE(MAX(seq), 0) + 1, @from, @to, @at, @results, @metadata
       FROM ${t} WHERE machine = @machine AND entity_id = @entity
       RETURNING seq`,
    );
    this.#insert.safeIntegers(false);
    this.#readEntity = db.prepare(
      `SELECT * FROM ${t} WHERE machine = ? AND entity_id = ? ORDER BY seq`,
    );
    this.#readEntity.safeIntegers(false);
    this.#readAll = db.prepare(`SELECT * FROM ${t} ORDER BY id`);
    this.#readAll.safeIntegers(false);
  }

  record(record: TransitionRecord): number {
    try {
      const row = this.#insert.get({
        machine: record.machine,
        entity: loggedEntityId(record.entityId),
        from: record.from,
        to: record.to,
        at: record.at.toISOString(),
        results: logRecordJson(record.results),
        metadata: logRecordJson(record.metadata),
      }) as { seq: number };
      return row.seq;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      throw new DatabaseConflictError('duplicate-step', {
        model: this.#table,
        id: record.entityId,
        code,
        cause: error,
      });
    }
  }

  read(machine: string, entityId: unknown): TransitionLogEntry[] {
    const rows = this.#readEntity.all(machine, loggedEntityId(entityId)) as LogRow[];
    return rows.map((row) => ({ ...entryOf(row), entityId }));
  }

  /** Every entry, in the order written; `entityId` as the log keeps it (text). */
  readAll(): TransitionLogEntry[] {
    return (this.#readAll.all() as LogRow[]).map(entryOf);
  }
}

function entryOf(row: LogRow): TransitionLogEntry {
  return {
    machine: row.machine,
    entityId: row.entity_id,
    seq: Number(row.seq),
    from: row.from_state,
    to: row.to_state,
    at: new Date(row.at),
    results: JSON.parse(row.results) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}
