import { randomBytes } from 'node:crypto';
import { Client, Pool, type ClientConfig, type PoolConfig } from 'pg';
import { DATABASE_URL } from './server-urls.js';

/** A schema of its own on the PostgreSQL server, so test files running side by side never meet. */
export interface PgSchema {
  readonly schema: string;
  /**
   * A new pool whose connections work in the schema (`search_path`); `drop` ends it. Each pool
   * is a separate set of connections: a second one reads only what the first committed.
   */
  pool(options?: { readonly max?: number }): Pool;
  /** Runs statements in the schema through a connection of its own. */
  exec(statements: readonly string[]): Promise<void>;
  /** Ends every pool made here, ends what is still connected to the schema, drops it. Idempotent. */
  drop(): Promise<void>;
}

const END_POOL_TIMEOUT_MS = 2000;

function connectionOptions(schema: string): PoolConfig {
  // application_name lets drop() find and end connections a test left open.
  return {
    connectionString: DATABASE_URL,
    options: `-c search_path=${schema}`,
    application_name: schema,
  };
}

async function withClient<R>(config: ClientConfig, fn: (client: Client) => Promise<R>): Promise<R> {
  const client = new Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `CREATE SCHEMA smf_<random>`; the caller drops it (`drop()`) when done. */
export async function freshPgSchema(): Promise<PgSchema> {
  const schema = `smf_${randomBytes(6).toString('hex')}`;
  await withClient({ connectionString: DATABASE_URL }, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const pools: Pool[] = [];
  let dropped: Promise<void> | undefined;
  return {
    schema,
    pool({ max = 4 } = {}) {
      if (dropped) throw new Error(`schema ${schema} was dropped`);
      const pool = new Pool({ ...connectionOptions(schema), max });
      // An idle connection ended by drop() must not crash the test run.
      pool.on('error', () => undefined);
      pools.push(pool);
      return pool;
    },
    exec: (statements) =>
      withClient(connectionOptions(schema), async (client) => {
        for (const sql of statements) await client.query(sql);
      }),
    drop: () => (dropped ??= dropSchema(schema, pools)),
  };
}

async function dropSchema(schema: string, pools: readonly Pool[]): Promise<void> {
  // A pool whose client a test never released would wait forever; its backend is ended below.
  await Promise.all(
    pools.map((pool) =>
      Promise.race([
        pool.end().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, END_POOL_TIMEOUT_MS).unref()),
      ]),
    ),
  );
  await withClient({ connectionString: DATABASE_URL }, async (client) => {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [schema],
    );
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
}
