import { sql } from 'drizzle-orm';
import { DatabaseConflictError } from '../../errors.js';
import type { TransitionLogEntry, TransitionRecord } from '../../orm-adapter.js';
import { logRecordJson } from '../sql/log-record-json.js';
import {
  loggedEntityId,
  transitionLogStatements,
  type SqlDialect,
} from '../sql/transition-log-ddl.js';
import { driverErrorOf, isUniqueViolation, typedDatabaseError } from './database-errors.js';
import type { RawSql } from './raw-sql.js';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The persisted transition log in the table of `transitionLogDdl(dialect, table)`, through raw
 * SQL (Drizzle's `sql`): each transition is one INSERT that numbers it after the entity's last
 * step, so a second writer of the same step meets the unique index and fails as a conflict.
 */
export class DrizzleTransitionLog {
  readonly table: string;
  readonly #dialect: SqlDialect;

  constructor(dialect: SqlDialect, table: string) {
    this.#dialect = dialect;
    this.table = table;
  }

  /**
   * CREATE TABLE / INDEX IF NOT EXISTS, in the transaction of `db`. On Postgres only when one is
   * missing: CREATE INDEX IF NOT EXISTS locks the table first, so it would wait for (and hold up)
   * every transaction writing it. Processes creating it at once take turns at an advisory lock
   * (the one the other adapters take), since two CREATE … IF NOT EXISTS running side by side can
   * still collide (a duplicate pg_type row, a relation that already exists).
   */
  async ensureTable(db: RawSql): Promise<void> {
    if (this.#dialect === 'postgres') {
      const [found] = await db.all(
        sql`SELECT to_regclass(${quoted(this.table)}) IS NOT NULL AND to_regclass(${quoted(`${this.table}_entity_seq`)}) IS NOT NULL AS present`,
      );
      if (found?.['present'] === true) return;
      await db.run(
        sql`SELECT pg_advisory_xact_lock(hashtext(${`smf transition log ${this.table}`}))`,
      );
    }
    for (const statement of transitionLogStatements(this.#dialect, this.table)) {
      await db.run(sql.raw(statement));
    }
  }

  async record(db: RawSql, record: TransitionRecord): Promise<number> {
    const t = sql.identifier(this.table);
    const entityId = loggedEntityId(record.entityId);
    const results = logRecordJson(record.results);
    const metadata = logRecordJson(record.metadata);
    const at = record.at.toISOString();
    const values =
      this.#dialect === 'postgres'
        ? sql`${record.machine}::text, ${entityId}::text, COALESCE(MAX(seq), 0) + 1, ${record.from}::text, ${record.to}::text, ${at}::timestamptz, ${results}::jsonb, ${metadata}::jsonb`
        : sql`${record.machine}, ${entityId}, COALESCE(MAX(seq), 0) + 1, ${record.from}, ${record.to}, ${at}, ${results}, ${metadata}`;
    try {
      const rows = await db.all(
        sql`INSERT INTO ${t} (machine, entity_id, seq, from_state, to_state, at, results, metadata) SELECT ${values} FROM ${t} WHERE machine = ${record.machine} AND entity_id = ${entityId} RETURNING seq`,
      );
      return Number(rows[0]?.['seq']);
    } catch (error) {
      const driver = driverErrorOf(error);
      if (driver === undefined || !isUniqueViolation(driver)) throw typedDatabaseError(error);
      throw new DatabaseConflictError('duplicate-step', {
        model: this.table,
        id: record.entityId,
        code: driver.code,
        cause: driver,
      });
    }
  }

  /** One entity's entries by seq; `entityId` as the caller gave it. */
  async read(db: RawSql, machine: string, entityId: unknown): Promise<TransitionLogEntry[]> {
    const t = sql.identifier(this.table);
    // Postgres: the instant as epoch ms and JSON as text, whatever type parsers the driver has.
    const columns =
      this.#dialect === 'postgres'
        ? sql`seq, from_state, to_state, (extract(epoch from at) * 1000)::float8 AS at, results::text AS results, metadata::text AS metadata`
        : sql`seq, from_state, to_state, at, results, metadata`;
    const rows = await db.all(
      sql`SELECT ${columns} FROM ${t} WHERE machine = ${machine} AND entity_id = ${loggedEntityId(entityId)} ORDER BY seq`,
    );
    return rows.map((row) => ({
      machine,
      entityId,
      seq: Number(row['seq']),
      from: (row['from_state'] ?? null) as string | null,
      to: String(row['to_state']),
      at: new Date(row['at'] as string | number),
      results: JSON.parse(String(row['results'])) as Record<string, unknown>,
      metadata: JSON.parse(String(row['metadata'])) as Record<string, unknown>,
    }));
  }
}
