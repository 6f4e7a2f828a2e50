import type {
  ClaimedTimer,
  ClaimOptions,
  StoredTimer,
  TimerFailure,
  TimerOperations,
  TimerSchedule,
} from '../../timer-operations.js';
import {
  checkClaimed,
  claimUntil,
  lastErrorText,
  retryAt,
  timerInserts,
  type TimerInsert,
} from '../timer-input.js';
import { UniqueViolationError } from '../../errors.js';
import type { TimerBackend } from '../timer-methods.js';
import { parsePgDatetime, pgDatetimeText } from './pg-datetime-text.js';
import { DEFAULT_TIMER_TABLE } from './timer-table-ddl.js';
import { loggedEntityId, type SqlDialect } from './transition-log-ddl.js';

/** What a statement gave: its rows (a SELECT, or a write with RETURNING) and, on MySQL, its count. */
export interface TimerSqlResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows a write matched; needed on MySQL only, which has no RETURNING. */
  readonly affected?: number | bigint | undefined;
}

/**
 * Runs one statement, in the caller's transaction, with the placeholders this dialect uses
 * (`$1`, `$2`, … on PostgreSQL, `?` elsewhere).
 */
export type TimerSqlRunner = (sql: string, params: readonly unknown[]) => Promise<TimerSqlResult>;

const TIMES = ['due_at', 'next_attempt_at', 'claimed_until', 'created_at'] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** MySQL DATETIME literal text of a Date, in UTC (the column holds UTC). */
function mysqlTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

class Params {
  readonly values: unknown[] = [];
  readonly #dialect: SqlDialect;

  constructor(dialect: SqlDialect) {
    this.#dialect = dialect;
  }

  add(value: unknown): string {
    this.values.push(value);
    return this.#dialect === 'postgres' ? `$${this.values.length}` : '?';
  }

  /** A Date as the dialect's timestamp: timestamptz on PostgreSQL, UTC text elsewhere. */
  time(date: Date): string {
    if (this.#dialect === 'postgres') return `${this.add(date.toISOString())}::timestamptz`;
    return this.add(this.#dialect === 'mysql' ? mysqlTime(date) : date.toISOString());
  }

  int(value: number): string {
    return this.#dialect === 'postgres' ? `${this.add(value)}::int` : this.add(value);
  }
}

/**
 * The timer operations as SQL on one dialect and table, for the SQL adapters and for anyone
 * writing a `TransactionDriver` on a SQL database. Every statement runs through the runner given
 * to each call, in the caller's transaction. The claim reads the due rows `FOR UPDATE SKIP
 * LOCKED` (PostgreSQL, MySQL 8 / MariaDB 10.6+), so workers claiming at once take different
 * rows, then marks them claimed; on SQLite the transaction's write lock (BEGIN IMMEDIATE) keeps
 * other claimers out until it ends.
 */
export class SqlTimers {
  readonly table: string;
  readonly #dialect: SqlDialect;
  readonly #quoted: string;

  constructor(dialect: SqlDialect, table: string = DEFAULT_TIMER_TABLE) {
    this.#dialect = dialect;
    this.table = table;
    this.#quoted =
      dialect === 'mysql'
        ? `\`${table.replaceAll('`', '``')}\``
        : `"${table.replaceAll('"', '""')}"`;
  }

  async schedule(run: TimerSqlRunner, schedule: TimerSchedule): Promise<number> {
    const inserts = timerInserts(schedule);
    const first = inserts[0];
    const entrySeq = schedule.entrySeq ?? (await this.#nextEntry(run, schedule));
    if (first === undefined) return entrySeq;
    const p = this.#params();
    const rows = inserts.map((row) => this.#values(p, row, entrySeq));
    try {
      await run(
        `INSERT INTO ${this.#quoted} (machine, entity_id, entry_seq, target, state, due_at, next_attempt_at, attempts, created_at) VALUES ${rows.join(', ')}`,
        p.values,
      );
    } catch (error) {
      if (error instanceof UniqueViolationError || !isUniqueViolation(error)) throw error;
      const { machine, entityId } = first;
      throw new UniqueViolationError(this.table, { machine, entityId, entrySeq }, { cause: error });
    }
    return entrySeq;
  }

  async cancel(run: TimerSqlRunner, machine: string, entityId: unknown): Promise<number> {
    const p = this.#params();
    const sql = `DELETE FROM ${this.#quoted} WHERE machine = ${p.add(machine)} AND entity_id = ${p.add(loggedEntityId(entityId))}`;
    return this.#count(run, sql, p);
  }

  async claim(run: TimerSqlRunner, options: ClaimOptions): Promise<ClaimedTimer[]> {
    const until = claimUntil(options);
    const p = this.#params();
    const now = options.now;
    const byText = this.#dialect === 'postgres' ? ' COLLATE "C"' : '';
    const lock = this.#dialect === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
    const { rows } = await run(
      `SELECT ${this.#columns()} FROM ${this.#quoted} WHERE machine = ${p.add(options.machine)} AND next_attempt_at <= ${p.time(now)} AND (claimed_until IS NULL OR claimed_until <= ${p.time(now)}) ORDER BY next_attempt_at, entity_id${byText}, entry_seq, target${byText} LIMIT ${options.limit}${lock}`,
      p.values,
    );
    const due = rows.map((row) => this.#timer(row));
    if (due.length === 0) return [];
    // Parameters are added in the order their placeholders appear (`?` is positional).
    const u = this.#params();
    let sql = `UPDATE ${this.#quoted} SET claimed_until = ${u.time(until)} WHERE machine = ${u.add(options.machine)} AND (claimed_until IS NULL OR claimed_until <= ${u.time(now)}) AND (`;
    sql += due
      .map(
        (t) =>
          `(entity_id = ${u.add(t.entityId)} AND entry_seq = ${u.int(t.entrySeq)} AND target = ${u.add(t.target)})`,
      )
      .join(' OR ');
    sql += ')';
    let claimed: (t: StoredTimer) => boolean;
    if (this.#dialect === 'mysql') {
      // The rows are locked by this transaction since the SELECT: the UPDATE takes them all.
      await run(sql, u.values);
      claimed = () => true;
    } else {
      const result = await run(`${sql} RETURNING entity_id, entry_seq, target`, u.values);
      const taken = new Set(
        result.rows.map((r) =>
          keyText(String(r['entity_id']), Number(r['entry_seq']), r['target']),
        ),
      );
      claimed = (t) => taken.has(keyText(t.entityId, t.entrySeq, t.target));
    }
    return due.filter(claimed).map((t) => ({ ...t, claimedUntil: new Date(until) }));
  }

  async fired(run: TimerSqlRunner, timer: ClaimedTimer): Promise<boolean> {
    const claim = checkClaimed(timer);
    const p = this.#params();
    const sql = `DELETE FROM ${this.#quoted} WHERE ${this.#key(p, timer)} AND claimed_until = ${p.time(claim)}`;
    return (await this.#count(run, sql, p)) > 0;
  }

  async failed(run: TimerSqlRunner, timer: ClaimedTimer, failure: TimerFailure): Promise<boolean> {
    const claim = checkClaimed(timer);
    const next = retryAt(failure);
    const p = this.#params();
    const error = lastErrorText(failure);
    const sql = `UPDATE ${this.#quoted} SET attempts = attempts + 1, last_error = ${p.add(error)}, next_attempt_at = ${p.time(next)}, claimed_until = NULL WHERE ${this.#key(p, timer)} AND claimed_until = ${p.time(claim)}`;
    return (await this.#count(run, sql, p)) > 0;
  }

  async read(run: TimerSqlRunner, machine: string, entityId: unknown): Promise<StoredTimer[]> {
    const p = this.#params();
    const byText = this.#dialect === 'postgres' ? ' COLLATE "C"' : '';
    const { rows } = await run(
      `SELECT ${this.#columns()} FROM ${this.#quoted} WHERE machine = ${p.add(machine)} AND entity_id = ${p.add(loggedEntityId(entityId))} ORDER BY entry_seq, target${byText}`,
      p.values,
    );
    return rows.map((row) => this.#timer(row));
  }

  #params(): Params {
    return new Params(this.#dialect);
  }

  async #nextEntry(run: TimerSqlRunner, schedule: TimerSchedule): Promise<number> {
    const p = this.#params();
    const { rows } = await run(
      `SELECT COALESCE(MAX(entry_seq), 0) + 1 AS next FROM ${this.#quoted} WHERE machine = ${p.add(schedule.machine)} AND entity_id = ${p.add(loggedEntityId(schedule.entityId))}`,
      p.values,
    );
    return Number(rows[0]?.['next'] ?? 1);
  }

  #values(p: Params, row: TimerInsert, entrySeq: number): string {
    const text = (value: string) =>
      this.#dialect === 'postgres' ? `${p.add(value)}::text` : p.add(value);
    return `(${text(row.machine)}, ${text(row.entityId)}, ${p.int(entrySeq)}, ${text(row.target)}, ${text(row.state)}, ${p.time(row.dueAt)}, ${p.time(row.dueAt)}, 0, ${p.time(row.createdAt)})`;
  }

  #key(p: Params, timer: ClaimedTimer): string {
    return `machine = ${p.add(timer.machine)} AND entity_id = ${p.add(timer.entityId)} AND entry_seq = ${p.int(timer.entrySeq)} AND target = ${p.add(timer.target)}`;
  }

  /** How many rows a DELETE or UPDATE matched. */
  async #count(run: TimerSqlRunner, sql: string, p: Params): Promise<number> {
    if (this.#dialect === 'mysql') return Number((await run(sql, p.values)).affected ?? 0);
    return (await run(`${sql} RETURNING 1 AS one`, p.values)).rows.length;
  }

  /** The columns, timestamps as text that reads back the same whatever the driver's settings. */
  #columns(): string {
    const time = (column: string) => {
      if (this.#dialect === 'postgres') return `${pgDatetimeText(column)} AS ${column}`;
      if (this.#dialect === 'mysql') return `CAST(${column} AS CHAR) AS ${column}`;
      return column;
    };
    return `machine, entity_id, entry_seq, target, state, ${TIMES.map(time).join(', ')}, attempts, last_error`;
  }

  #timer(row: Record<string, unknown>): StoredTimer {
    const time = (column: (typeof TIMES)[number]): Date | null => {
      const value = row[column];
      if (value === null || value === undefined) return null;
      return this.#readTime(String(value), column);
    };
    return {
      machine: String(row['machine']),
      entityId: String(row['entity_id']),
      entrySeq: Number(row['entry_seq']),
      target: String(row['target']),
      state: String(row['state']),
      dueAt: time('due_at') as Date,
      nextAttemptAt: time('next_attempt_at') as Date,
      attempts: Number(row['attempts']),
      lastError: row['last_error'] === null ? null : String(row['last_error']),
      claimedUntil: time('claimed_until'),
      createdAt: time('created_at') as Date,
    };
  }

  #readTime(text: string, column: string): Date {
    // PostgreSQL's ISO text and MySQL's `YYYY-MM-DD HH:MM:SS.mmm` (UTC) read alike.
    const date = this.#dialect === 'sqlite' ? new Date(text) : parsePgDatetime(text, 'utc');
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new Error(`${this.table}.${column} holds '${text}', which is not a timestamp`);
    }
    return date;
  }
}

/** PostgreSQL's 23505, SQLite's UNIQUE / PRIMARY KEY, MySQL's 1062, here or in a cause. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062) return true;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const keyText = (entityId: string, entrySeq: number, target: unknown): string =>
  JSON.stringify([entityId, entrySeq, String(target)]);

/** `timers` on one runner, as a transaction handle's timer operations use them. */
export function sqlTimerBackend(timers: SqlTimers, run: TimerSqlRunner): TimerBackend {
  return {
    schedule: (schedule) => timers.schedule(run, schedule),
    cancel: (machine, entityId) => timers.cancel(run, machine, entityId),
    claim: (options) => timers.claim(run, options),
    fired: (timer) => timers.fired(run, timer),
    failed: (timer, failure) => timers.failed(run, timer, failure),
    read: (machine, entityId) => timers.read(run, machine, entityId),
  };
}

/**
 * `timers` on one runner as the timer operations of a `TransactionDriver`: each statement runs
 * on the driver's connection, in whatever transaction is open on it.
 */
export function sqlTimerOperations(timers: SqlTimers, run: TimerSqlRunner): TimerOperations {
  return {
    scheduleTimers: (schedule) => timers.schedule(run, schedule),
    cancelTimers: (machine, entityId) => timers.cancel(run, machine, entityId),
    claimDueTimers: (options) => timers.claim(run, options),
    markTimerFired: (timer) => timers.fired(run, timer),
    markTimerFailed: (timer, failure) => timers.failed(run, timer, failure),
    readTimers: (machine, entityId) => timers.read(run, machine, entityId),
  };
}
