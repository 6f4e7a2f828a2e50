import {
  DEFAULT_TRANSITION_LOG_TABLE,
  loggedEntityId,
  transitionLogStatements,
} from '../sql/transition-log-ddl.js';
import type { TransitionLogEntry, TransitionRecord } from '../../orm-adapter.js';
import { logRecordJson } from '../sql/log-record-json.js';
import type { PgPoolClient } from './driver-types.js';
import { mapPgError } from './error-mapping.js';
import { quoteIdentifier, SqlStatement } from './sql-text.js';
import type { RunStatement } from './table-schema.js';
import { formatTimestamp } from './timestamps.js';

/**
 * The persisted transition log in one table (`transitionLogStatements('postgres', table)`; the
 * name is one identifier, found on the search_path). Each transition is one INSERT … SELECT that
 * numbers the step from the entity's highest `seq`; the unique index on (machine, entity_id, seq)
 * turns a second writer of the same step into `DatabaseConflictError` ('duplicate-step').
 */
export class PgTransitionLog {
  readonly table: string;
  readonly #quoted: string;
  #ready = false;

  constructor(table: string = DEFAULT_TRANSITION_LOG_TABLE) {
    this.table = table;
    this.#quoted = quoteIdentifier(table);
  }

  get ready(): boolean {
    return this.#ready;
  }

  /**
   * Creates the table and its index unless both exist, outside any transaction (on a client
   * between transactions). Concurrent processes take turns at an advisory lock, since two
   * CREATE … IF NOT EXISTS running at once can still collide.
   */
  async ensure(client: PgPoolClient): Promise<void> {
    if (this.#ready) return;
    const exists = new SqlStatement()
      .text('SELECT to_regclass(')
      .value(this.#quoted)
      .text(') IS NOT NULL AND to_regclass(')
      .value(quoteIdentifier(`${this.table}_entity_seq`))
      .text(') IS NOT NULL AS ready');
    const found = (await client.query({ text: exists.withLiterals() as string })) as {
      rows: { ready: boolean }[];
    };
    if (found.rows[0]?.ready !== true) {
      const lock = new SqlStatement()
        .text('SELECT pg_advisory_xact_lock(hashtext(')
        .value(`smf transition log ${this.table}`)
        .text('))');
      const text = [
        `${lock.withLiterals() as string};`,
        ...transitionLogStatements('postgres', this.table),
      ].join('\n');
      await client.query({ text });
    }
    this.#ready = true;
  }

  async record(run: RunStatement, entry: TransitionRecord): Promise<number> {
    const entityId = loggedEntityId(entry.entityId);
    const t = this.#quoted;
    const statement = new SqlStatement()
      .text(
        `INSERT INTO ${t} (machine, entity_id, seq, from_state, to_state, at, results, metadata) SELECT `,
      )
      .value(entry.machine)
      .text('::text, ')
      .value(entityId)
      .text('::text, COALESCE(MAX(seq), 0) + 1, ')
      .value(entry.from)
      .text('::text, ')
      .value(entry.to)
      .text('::text, ')
      .value(formatTimestamp(entry.at, true))
      .text('::timestamptz, ')
      .value(logRecordJson(entry.results))
      .text('::jsonb, ')
      .value(logRecordJson(entry.metadata))
      .text(`::jsonb FROM ${t} WHERE machine = `)
      .value(entry.machine)
      .text(' AND entity_id = ')
      .value(entityId)
      .text(' RETURNING seq');
    try {
      const result = await run(statement);
      return Number(result.rows[0]?.['seq']);
    } catch (error) {
      throw mapPgError(error, { model: this.table, id: entry.entityId, logTable: this.table });
    }
  }

  async read(run: RunStatement, machine: string, entityId: unknown): Promise<TransitionLogEntry[]> {
    const statement = new SqlStatement()
      .text(
        `SELECT seq, from_state, to_state, at, results, metadata FROM ${this.#quoted} WHERE machine = `,
      )
      .value(machine)
      .text(' AND entity_id = ')
      .value(loggedEntityId(entityId))
      .text(' ORDER BY seq');
    const { rows } = await run(statement);
    return rows.map((row) => ({
      machine,
      entityId,
      seq: Number(row['seq']),
      from: (row['from_state'] as string | null) ?? null,
      to: row['to_state'] as string,
      at: row['at'] as Date,
      results: (row['results'] ?? {}) as Record<string, unknown>,
      metadata: (row['metadata'] ?? {}) as Record<string, unknown>,
    }));
  }
}
