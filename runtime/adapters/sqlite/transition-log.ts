import type { Database } from 'better-sqlite3';
import type { Filters, Row, TransitionLogEntry } from '../orm-adapter.js';
import {
  ENTITY_ID_TYPE_COLUMN,
  entityIdFrom,
  loggedEntityIdCodec,
  storedEntityId,
  type StoredEntityId,
} from './logged-entity-id.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { quoteIdentifier, type CodecOverrides } from './table-schema.js';
import { describeValue } from './value-refusal.js';

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
  entity_id_type TEXT,
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
 * identifier that is text, a number or bytes is stored as it is; `entity_id_type` names any other
 * kind (bigint, boolean, date, json) so it reads back as that. Safe to run repeatedly. A table
 * made before `entity_id_type` existed still works for text, number and byte identifiers; add the
 * column (`ALTER TABLE … ADD COLUMN entity_id_type TEXT`) to log the others.
 */
export function transitionLogDdl(table = DEFAULT_TRANSITION_LOG_TABLE): string {
  return `${createTableSql(table)};\n${createIndexSql(table)};`;
}

/**
 * Creates the log table unless it exists, and refuses one that exists without the log's
 * columns now rather than at the first transition. Returns whether it has `entity_id_type`,
 * which tables made before that column existed lack.
 */
export function ensureTransitionLogTable(db: Database, table: string): boolean {
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
  return present.has(ENTITY_ID_TYPE_COLUMN);
}

/** The log's own column codecs, replacing those of its declared types. */
export const transitionLogCodecs = (model: string): CodecOverrides =>
  new Map([[model, new Map([['entity_id', loggedEntityIdCodec]])]]);

/** The log table of one adapter: its rows and filters, for the adapter's RowStore. */
export class TransitionLog {
  /** The model name the log is stored under (mapped to its table by the `tables` option). */
  readonly model: string;
  readonly #table: string;
  readonly #typed: boolean;

  constructor(db: Database, model: string, table: string) {
    this.model = model;
    this.#table = table;
    this.#typed = ensureTransitionLogTable(db, table);
  }

  row(entry: TransitionLogEntry): Row {
    const row: Record<string, unknown> = {
      machine: entry.machine,
      entity_id: null,
      seq: entry.seq,
      from_state: entry.from,
      to_state: entry.to,
      at: entry.at,
      metadata: jsonSafe(entry.metadata),
    };
    this.#putEntityId(row, entry.entityId);
    return row;
  }

  filters(filter: { readonly machine?: string; readonly entityId?: unknown }): Filters {
    const filters: Record<string, unknown> = {};
    if (filter.machine !== undefined) filters['machine'] = filter.machine;
    if (filter.entityId !== undefined) this.#putEntityId(filters, filter.entityId);
    return filters;
  }

  entry(row: Row): TransitionLogEntry {
    return {
      machine: row['machine'] as string,
      entityId: entityIdFrom(row['entity_id'], row[ENTITY_ID_TYPE_COLUMN]),
      seq: Number(row['seq']),
      from: (row['from_state'] as string | null) ?? null,
      to: row['to_state'] as string,
      at: row['at'] instanceof Date ? row['at'] : new Date(String(row['at'])),
      metadata: (row['metadata'] ?? {}) as Record<string, unknown>,
    };
  }

  #putEntityId(into: Record<string, unknown>, id: unknown): void {
    const stored = storedEntityId(id, `${this.model}.entity_id`);
    into['entity_id'] = stored.value;
    if (this.#typed) into[ENTITY_ID_TYPE_COLUMN] = stored.type;
    else if (stored.type !== null) throw this.#untyped(id, stored);
  }

  #untyped(id: unknown, stored: StoredEntityId): SqliteAdapterError {
    const table = quoteIdentifier(this.#table);
    return new SqliteAdapterError(
      `the transition log table ${table} has no ${ENTITY_ID_TYPE_COLUMN} column, which an identifier of type ${stored.type} (${describeValue(id)}) needs to read back as itself: add it with ALTER TABLE ${table} ADD COLUMN ${ENTITY_ID_TYPE_COLUMN} TEXT (see transitionLogDdl())`,
    );
  }
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
