import { SerialQueue } from '../serial-queue.js';
import {
  lastResult,
  pgErrorOf,
  type PgDatabaseError,
  type PgPoolClient,
  type PgResult,
} from './driver-types.js';
import { commitError } from './commit-errors.js';
import { PgAdapterError } from './pg-adapter-error.js';
import { PIN_SETTINGS } from './pinned-settings.js';
import { quoteIdentifier, SqlStatement, type StatementSubject } from './sql-text.js';
import { typeParsersFor } from './type-parsers.js';

/** BEGIN, with the settings the adapter reads values by pinned for the transaction. */
const BEGIN = `BEGIN; ${PIN_SETTINGS}`;

/** SQLSTATEs after which nothing of a multi-statement query ran: it never got past its start. */
const NOTHING_RAN: ReadonlySet<string> = new Set(['25P02', '42601']);

/** An error with no SQLSTATE (or class 08, or a shutdown) leaves the connection unusable. */
export function isConnectionError(error: unknown): boolean {
  const code = pgErrorOf(error)?.code;
  return code === undefined || code.startsWith('08') || code.startsWith('57P');
}

/**
 * One outermost transaction on one pooled client. Statements run one at a time, in call order.
 *
 * Round trips: BEGIN, SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT take no parameters,
 * so instead of a round trip each they wait in `#pending` and go to the server in one simple query
 * with the next statement (its values then written as literals, which the server types exactly as
 * it types `$n` parameters) or with COMMIT. A savepoint no statement ran in is never sent at all,
 * and a transaction that ran no statement sends nothing. The server sees the same statements in
 * the same order, so the transaction means what it would with one round trip each. BEGIN brings
 * `SET LOCAL` of the settings values are read by (see `pinned-settings.ts`) along.
 */
export class PgSession {
  readonly client: PgPoolClient;
  readonly #lane = new SerialQueue();
  #pending: string[] = [BEGIN];
  #nextSavepoint = 0;
  /** The statement error that aborted the transaction, unless a savepoint rollback undid it. */
  #failure: { subject: StatementSubject | undefined; error: PgDatabaseError } | undefined;
  /** Table (as `tables` names it) → model, for the statements sent: to name what COMMIT reports. */
  readonly #models = new Map<string, string>();
  /** Set once the transaction's callback has settled: handles refuse work from then on. */
  ended = false;
  /** The error that broke the connection; the client is then destroyed rather than reused. */
  broken: Error | undefined;

  constructor(client: PgPoolClient) {
    this.client = client;
  }

  run = (statement: SqlStatement): Promise<PgResult> => this.#lane.run(() => this.#send(statement));

  /** Queues SAVEPOINT; the name is for `rollbackTo` and `release`. */
  openSavepoint(): string {
    const name = quoteIdentifier(`smf_${this.#nextSavepoint++}`);
    this.#pending.push(`SAVEPOINT ${name}`);
    return name;
  }

  /** The savepoint's work joins the enclosing transaction (RELEASE, sent with the next statement). */
  release(name: string): void {
    const unsent = this.#pending.lastIndexOf(`SAVEPOINT ${name}`);
    if (unsent >= 0) this.#pending.length = unsent;
    else this.#pending.push(`RELEASE SAVEPOINT ${name}`);
  }

  /**
   * Undoes the savepoint's work (ROLLBACK TO, sent with the next statement). Whatever waits to be
   * sent was queued inside the savepoint, so it goes too.
   */
  rollbackTo(name: string): void {
    const unsent = this.#pending.lastIndexOf(`SAVEPOINT ${name}`);
    if (unsent >= 0) this.#pending.length = unsent;
    else this.#pending = [`ROLLBACK TO SAVEPOINT ${name}`];
    this.#failure = undefined;
  }

  /**
   * COMMIT (with whatever waits to be sent). A transaction an error had aborted, and that was not
   * rolled back to a savepoint, would answer COMMIT by rolling back: that is an error here, not
   * a quiet loss of the transaction's writes. What fails at COMMIT itself (a deferred constraint)
   * is named by the model of its table, when a statement of the transaction wrote to it.
   */
  commit(): Promise<void> {
    return this.#lane.run(async () => {
      if (!this.#begun) return;
      const text = [...this.#pending, 'COMMIT'].join('; ');
      let result: PgResult;
      try {
        result = lastResult(await this.#query(text, undefined));
      } catch (error) {
        throw commitError(error, this.#failure, this.#models);
      } finally {
        this.#pending = [];
      }
      if (result.command === 'ROLLBACK') throw commitError(undefined, this.#failure, this.#models);
    });
  }

  rollback(): Promise<void> {
    return this.#lane.run(async () => {
      const begun = this.#begun;
      this.#pending = [];
      if (!begun || this.broken !== undefined) return;
      try {
        await this.#query('ROLLBACK', undefined);
      } catch {
        // #query has marked the connection broken when it is; the caller's error is the one to report.
      }
    });
  }

  /** BEGIN has gone to the server (it waits first in line until then). */
  get #begun(): boolean {
    return this.#pending[0] !== BEGIN;
  }

  async #send(statement: SqlStatement): Promise<PgResult> {
    if (this.broken !== undefined) {
      throw new PgAdapterError('the connection of this transaction was lost', this.broken);
    }
    const { subject } = statement;
    if (subject !== undefined && !this.#models.has(subject.table)) {
      this.#models.set(subject.table, subject.model);
    }
    try {
      return await this.#sendNow(statement);
    } catch (error) {
      const pg = pgErrorOf(error);
      if (pg !== undefined && pg.code !== '25P02') this.#failure ??= { subject, error: pg };
      throw error;
    }
  }

  async #sendNow(statement: SqlStatement): Promise<PgResult> {
    if (this.#pending.length === 0) {
      return lastResult(await this.#query(statement.withPlaceholders(), statement.values));
    }
    const prefix = this.#pending;
    this.#pending = [];
    const inline = statement.withLiterals();
    try {
      if (inline !== undefined) {
        return lastResult(await this.#query(`${prefix.join('; ')}; ${inline}`, undefined));
      }
      await this.#query(prefix.join('; '), undefined);
    } catch (error) {
      const code = pgErrorOf(error)?.code;
      if (code !== undefined && NOTHING_RAN.has(code))
        this.#pending = [...prefix, ...this.#pending];
      throw error;
    }
    return lastResult(await this.#query(statement.withPlaceholders(), statement.values));
  }

  async #query(text: string, values: unknown[] | undefined): Promise<unknown> {
    const types = typeParsersFor(this.client);
    try {
      return await this.client.query(
        values === undefined ? { text, types } : { text, values, types },
      );
    } catch (error) {
      if (isConnectionError(error)) this.broken = error as Error;
      throw error;
    }
  }
}
