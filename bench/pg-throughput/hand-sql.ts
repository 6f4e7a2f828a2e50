import type { PoolClient, QueryResult } from 'pg';

type Result = QueryResult<Record<string, unknown>>;

/**
 * The hand-written side's connection during one transaction. Plainly, each statement is one
 * `client.query` (one round trip), with `$n` parameters. With `fewestRoundTrips`, statements that
 * take no parameters (BEGIN, SAVEPOINT, RELEASE) wait and go in one simple query with the next
 * statement, its values written as literals (`escapeLiteral`), or with COMMIT: the fewest round
 * trips these statements can take with node-postgres, which does not pipeline.
 */
export class HandSql {
  readonly #client: PoolClient;
  readonly #fewest: boolean;
  #pending: string[] = [];
  #begun = false;

  constructor(client: PoolClient, fewestRoundTrips: boolean) {
    this.#client = client;
    this.#fewest = fewestRoundTrips;
  }

  /** A statement without parameters. */
  async simple(text: string): Promise<void> {
    this.#begun = true;
    if (this.#fewest) this.#pending.push(text);
    else await this.#client.query(text);
  }

  query(text: string, values: unknown[]): Promise<Result> {
    if (this.#pending.length === 0) return this.#client.query(text, values);
    const batch = [...this.#pending, this.#inline(text, values)].join('; ');
    this.#pending = [];
    return this.#last(batch);
  }

  /** COMMIT; Postgres answers ROLLBACK when an error was swallowed: that must not pass as a commit. */
  async commit(): Promise<void> {
    const batch = [...this.#pending, 'COMMIT'].join('; ');
    this.#pending = [];
    const result = await this.#last(batch);
    if (result.command === 'ROLLBACK') throw new Error('the transaction was rolled back');
  }

  /** ROLLBACK, if BEGIN went to the server. */
  async rollback(): Promise<void> {
    const sent = this.#begun && !(this.#fewest && this.#pending[0] === 'BEGIN');
    this.#pending = [];
    if (sent) await this.#client.query('ROLLBACK');
  }

  async #last(text: string): Promise<Result> {
    const result = (await this.#client.query(text)) as Result | Result[];
    return Array.isArray(result) ? (result[result.length - 1] as Result) : result;
  }

  #inline(text: string, values: unknown[]): string {
    return text.replace(/\$(\d+)/g, (_, n: string) => {
      const value = values[Number(n) - 1];
      if (value === null || value === undefined) return 'NULL';
      const string = value instanceof Date ? value.toISOString() : String(value);
      return this.#client.escapeLiteral(string);
    });
  }
}
