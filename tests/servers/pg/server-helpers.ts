import { Pool, type PoolClient } from 'pg';
import type { PgPool, PgPoolClient, PgQueryConfig } from 'state-machine-framework/adapters/pg';
import { DATABASE_URL } from '../../support/servers.js';

/**
 * A pool in `schema` with settings of its own (`-c name=value` for each), e.g.
 * `{ lock_timeout: '200ms' }`; the caller ends it.
 */
export function poolWith(schema: string, settings: Record<string, string> = {}, max = 4): Pool {
  const options = Object.entries({ search_path: schema, ...settings })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const pool = new Pool({
    connectionString: DATABASE_URL,
    options,
    max,
    application_name: schema,
  });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Waits until `count` backends of this schema's connections wait for a lock (pg_stat_activity),
 * polling: the order of events a test arranges, never a duration.
 */
export async function untilWaitingForLock(pool: Pool, schema: string, count = 1): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [schema],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A pool that records the text of every query its clients send (one entry per round trip). */
export function recordingPool(pool: Pool): { pool: PgPool; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    pool: {
      async connect(): Promise<PgPoolClient> {
        const client = await pool.connect();
        const query = client.query.bind(client) as (config: PgQueryConfig) => Promise<unknown>;
        return Object.assign(Object.create(client) as PoolClient, {
          query: (config: PgQueryConfig) => {
            sent.push(config.text);
            return query(config);
          },
          release: (error?: Error | boolean) => client.release(error),
        });
      },
    },
  };
}
