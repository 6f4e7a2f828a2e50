import { randomBytes } from 'node:crypto';
import { Client, Pool, type QueryResultRow } from 'pg';
import { pgTransitionLogStatements } from 'state-machine-framework/adapters/pg';
import { RoundTrips } from './round-trips.js';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The benchmark's own schema on the server, on one connection for setup and checks. */
export class BenchSchema {
  readonly url: string;
  readonly name: string;
  readonly #admin: Client;

  private constructor(url: string, name: string, admin: Client) {
    this.url = url;
    this.name = name;
    this.#admin = admin;
  }

  static async create(url: string): Promise<BenchSchema> {
    const name = `smf_pg_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${name}`);
    await admin.query(`SET search_path = ${name}`);
    return new BenchSchema(url, name, admin);
  }

  /** A pool on the schema whose clients count their round trips. */
  pool(max: number): { pool: Pool; trips: RoundTrips } {
    const pool = new Pool({
      connectionString: this.url,
      max,
      application_name: this.name,
      options: `-c search_path=${this.name}`,
    });
    pool.on('error', () => undefined);
    const trips = new RoundTrips();
    trips.attach(pool);
    return { pool, trips };
  }

  /** The orders table (and the log table, when asked), with the load workloads' rows in it. */
  async createTables(table: string, logTable: string | undefined, rows: string[]): Promise<void> {
    await this.#admin.query(
      `CREATE TABLE ${quote(table)} (id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER NOT NULL, loads INTEGER NOT NULL DEFAULT 0)`,
    );
    if (rows.length > 0) {
      await this.#admin.query(
        `INSERT INTO ${quote(table)} (id, status, amount) SELECT unnest($1::text[]), 'processing', 10`,
        [rows],
      );
    }
    if (logTable !== undefined) {
      for (const statement of pgTransitionLogStatements(logTable)) {
        await this.#admin.query(statement);
      }
    }
    await this.#admin.query(`ANALYZE ${quote(table)}`);
  }

  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return (await this.#admin.query<R>(text, values)).rows;
  }

  async drop(): Promise<void> {
    try {
      await this.#admin.query(`DROP SCHEMA IF EXISTS ${this.name} CASCADE`);
    } finally {
      await this.#admin.end();
    }
  }
}

export { quote as quoteIdentifier };
