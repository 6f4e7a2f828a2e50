import type { Pool, PoolClient } from 'pg';

/**
 * Counts what goes to the server through one pool: every `client.query` call is one round trip
 * (node-postgres sends the next query only once the last one is answered), and a query text
 * with several statements (`BEGIN; SAVEPOINT …; UPDATE …`) counts each of them.
 */
export class RoundTrips {
  roundTrips = 0;
  statements = 0;
  /** The texts of the queries sent while `tracing` (for `--trace`). */
  readonly trace: string[] = [];
  tracing = false;

  /** Wraps `query` of each client the pool connects, before anyone gets it. */
  attach(pool: Pool): void {
    pool.on('connect', (client: PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        this.#count(args[0]);
        return query(...args);
      };
    });
  }

  snapshot(): { readonly roundTrips: number; readonly statements: number } {
    return { roundTrips: this.roundTrips, statements: this.statements };
  }

  #count(config: unknown): void {
    const text =
      typeof config === 'string' ? config : String((config as { text?: unknown }).text ?? '');
    this.roundTrips++;
    this.statements += countStatements(text);
    if (this.tracing) this.trace.push(text.replace(/\s+/g, ' '));
  }
}

/**
 * Statements in a query text: semicolons followed by more text, plus one. Good enough for the
 * statements of this benchmark, whose values hold no semicolons.
 */
function countStatements(text: string): number {
  let count = 1;
  for (let i = text.indexOf(';'); i >= 0; i = text.indexOf(';', i + 1)) {
    if (text.slice(i + 1).trim().length > 0) count++;
  }
  return count;
}
