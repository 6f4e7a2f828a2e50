// The contention harness's adapter factory for PgAdapter (see harness.ts for the contract).
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { ORMAdapter } from 'state-machine-framework';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { CONTENTION_TABLES, contentionTableStatements } from './contention-tables.js';

const pools = new WeakMap<ORMAdapter, Pool>();

async function withClient<R>(url: string, fn: (client: Client) => Promise<R>): Promise<R> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createSchema(url: string): Promise<string> {
  const schema = `smf_${randomBytes(6).toString('hex')}`;
  await withClient(url, async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path = ${schema}`);
    for (const statement of contentionTableStatements('postgres')) await client.query(statement);
  });
  return schema;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [schema],
    );
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
}

/**
 * Every wait is bounded: a lock for 2 s (then 55P03, a DatabaseConflictError), any statement for
 * 20 s.
 */
export async function openAdapter(url: string, schema: string): Promise<ORMAdapter> {
  const pool = new Pool({
    connectionString: url,
    max: 2,
    application_name: schema,
    options: `-c search_path=${schema} -c lock_timeout=2000 -c statement_timeout=20000`,
  });
  pool.on('error', () => undefined);
  const adapter = new PgAdapter(pool, { tables: CONTENTION_TABLES, transitionLog: true });
  pools.set(adapter, pool);
  return adapter;
}

export async function closeAdapter(adapter: ORMAdapter): Promise<void> {
  await pools.get(adapter)?.end();
}
