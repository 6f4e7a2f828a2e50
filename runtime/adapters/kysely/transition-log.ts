import type { TransitionLogEntry, TransitionRecord } from '../../orm-adapter.js';
import { logRecordJson } from '../sql/log-record-json.js';
import { parsePgDatetime, pgDatetimeText } from '../sql/pg-datetime-text.js';
import { loggedEntityId, transitionLogStatements } from '../sql/transition-log-ddl.js';
import { datetimeCodec } from './column-codec.js';
import { typedError } from './driver-errors.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { SqlText } from './sql-text.js';

const COLUMNS = 'machine, entity_id, seq, from_state, to_state, at, results, metadata';
const readDate = datetimeCodec((date) => date, true).decode;

interface LogRow {
  machine: string;
  seq: number | string;
  from_state: string | null;
  to_state: string;
  at: unknown;
  results: string | object;
  metadata: string | object;
}

/**
 * The persisted transition log (`transitionLogStatements` per dialect): one INSERT … SELECT
 * gives each entry the entity's next seq, so the log's unique index turns two transactions
 * logging the same step into a `DatabaseConflictError('duplicate-step')`.
 */
export class TransitionLogTable {
  readonly table: string;
  readonly #text: SqlText;
  #ready: Promise<void> | undefined;

  constructor(text: SqlText, table: string) {
    this.#text = text;
    this.table = table;
  }

  /**
   * Creates the table unless it exists, once per adapter, outside any transaction (MySQL would
   * commit a transaction on DDL). Whether it exists is asked first: PostgreSQL's CREATE INDEX IF
   * NOT EXISTS would otherwise wait for every transaction writing the log. Two processes racing
   * to create it may see the loser fail; it then tries once more, when the table exists.
   */
  ensure(runner: QueryRunner): Promise<void> {
    this.#ready ??= this.#create(runner).catch(() => this.#create(runner));
    return this.#ready.catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
  }

  async #create(runner: QueryRunner): Promise<void> {
    if (await this.#exists(runner)) return;
    for (const statement of transitionLogStatements(this.#text.dialect, this.table)) {
      await execute(runner, statement.replace(/;\s*$/, ''));
    }
  }

  async #exists(runner: QueryRunner): Promise<boolean> {
    const { dialect } = this.#text;
    const query =
      dialect === 'postgres'
        ? 'SELECT count(*)::int AS n FROM (SELECT to_regclass($1) AS t) r WHERE t IS NOT NULL'
        : dialect === 'mysql'
          ? 'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?'
          : "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?";
    const name = dialect === 'postgres' ? this.#text.table(this.table) : this.table;
    const { rows } = await execute<{ n: number | string }>(runner, query, [name]);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Logs `entry` as its entity's next step; returns that step's seq. */
  async record(runner: QueryRunner, entry: TransitionRecord): Promise<number> {
    const { dialect, param } = this.#text;
    const t = this.#text.table(this.table);
    const pg = dialect === 'postgres';
    const values = [
      entry.machine,
      loggedEntityId(entry.entityId),
      entry.from,
      entry.to,
      dialect === 'sqlite' ? entry.at.toISOString() : entry.at,
      logRecordJson(entry.results),
      logRecordJson(entry.metadata),
    ];
    const p = pg
      ? [
          '$1::text',
          '$2::text',
          '$3::text',
          '$4::text',
          '$5::timestamptz',
          '$6::jsonb',
          '$7::jsonb',
        ]
      : values.map((_, i) => param(i + 1));
    const where = pg ? 'machine = $1 AND entity_id = $2' : 'machine = ? AND entity_id = ?';
    const insert = `INSERT INTO ${t} (${COLUMNS})
SELECT ${p[0]}, ${p[1]}, COALESCE(MAX(seq), 0) + 1, ${p[2]}, ${p[3]}, ${p[4]}, ${p[5]}, ${p[6]} FROM ${t} WHERE ${where}`;
    const parameters = pg ? values : [...values, entry.machine, values[1]];
    const context = { dialect, model: this.table, id: entry.entityId, logTable: this.table };
    try {
      if (dialect !== 'mysql') {
        const { rows } = await execute<{ seq: number }>(
          runner,
          `${insert} RETURNING seq`,
          parameters,
        );
        return Number(rows[0]!.seq);
      }
      const { insertId } = await execute(runner, insert, parameters);
      const { rows } = await execute<{ seq: number }>(runner, `SELECT seq FROM ${t} WHERE id = ?`, [
        insertId,
      ]);
      return Number(rows[0]!.seq);
    } catch (error) {
      throw typedError(error, context);
    }
  }

  /** One entity's logged transitions, by seq; `entityId` is given back as passed. */
  async read(
    runner: QueryRunner,
    machine: string,
    entityId: unknown,
  ): Promise<TransitionLogEntry[]> {
    const text = this.#text;
    const json = (column: string) => (text.dialect === 'sqlite' ? column : text.asText(column));
    // PostgreSQL: the instant as ISO text, whatever DateStyle the connection has.
    const at = text.dialect === 'postgres' ? `${pgDatetimeText('at')} AS at` : 'at';
    const { rows } = await execute<LogRow>(
      runner,
      `SELECT machine, seq, from_state, to_state, ${at}, ${json('results')} AS results, ${json('metadata')} AS metadata
FROM ${text.table(this.table)} WHERE machine = ${text.param(1)} AND entity_id = ${text.param(2)} ORDER BY seq`,
      [machine, loggedEntityId(entityId)],
    );
    return rows.map((row) => ({
      machine: row.machine,
      entityId,
      seq: Number(row.seq),
      from: row.from_state,
      to: row.to_state,
      at: (text.dialect === 'postgres'
        ? parsePgDatetime(String(row.at), 'utc')
        : readDate(row.at, `${this.table}.at`)) as Date,
      results: parsed(row.results),
      metadata: parsed(row.metadata),
    }));
  }
}

function parsed(value: string | object): Record<string, unknown> {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
}
