import { randomBytes } from 'node:crypto';
import { Client, Pool, type PoolConfig } from 'pg';
import { DATABASE_URL } from './server-urls.js';
import { endWithin } from './end-within.js';

/** A schema of its own on the PostgreSQL server, so test files running side by side never meet. */
export interface PgSchema {
  readonly schema: string;
  /**
   * A new pool whose connections work in the schema (`search_path`). Each pool is a separate set
   * of connections: a second one reads only what the first committed.
   */
  pool(options?: { readonly max?: number }): Pool;
  /** Ends the pool; what it still has checked out after 2 s (a transaction left open) is ended. */
  endPool(pool: Pool): Promise<void>;
  /** Runs statements in the schema, one after the other, on a connection kept for this. */
  exec(statements: readonly string[]): Promise<void>;
  /** Ends every pool made here and what is still connected to the schema, drops it. Idempotent. */
  drop(): Promise<void>;
}

/** `CREATE SCHEMA smf_<random>`; the caller drops it (`drop()`) when done. */
export async function freshPgSchema(): Promise<PgSchema> {
  const schema = `smf_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path = ${schema}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  admin.on('error', () => undefined);
  // Each pool's backends, so endPool() can end what a pool still holds after its end() timed out.
  const pools = new Map<Pool, Set<number>>();
  let dropped: Promise<void> | undefined;

  const endPool = async (pool: Pool): Promise<void> => {
    const pids = pools.get(pool);
    if (pids === undefined) return;
    pools.delete(pool);
    if (!(await endWithin(pool.end()))) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
        [...pids],
      ]);
    }
  };

  return {
    schema,
    pool({ max = 4 } = {}) {
      if (dropped) throw new Error(`schema ${schema} was dropped`);
      const config: PoolConfig = {
        connectionString: DATABASE_URL,
        options: `-c search_path=${schema}`,
        // Tests find the schema's connections in pg_stat_activity by it; drop() ends them by it.
        application_name: schema,
        max,
      };
      const pool = new Pool(config);
      const pids = new Set<number>();
      pool.on('connect', (client) => {
        const pid = (client as unknown as { processID?: number }).processID;
        if (pid !== undefined) pids.add(pid);
      });
      // An idle connection ended from outside must not crash the test run.
      pool.on('error', () => undefined);
      pools.set(pool, pids);
      return pool;
    },
    endPool,
    async exec(statements) {
      for (const sql of statements) await admin.query(sql);
    },
    drop: () =>
      (dropped ??= (async () => {
        try {
          await Promise.all([...pools.keys()].map(endPool));
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
            [schema],
          );
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await admin.end();
        }
      })()),
  };
}
