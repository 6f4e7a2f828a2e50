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
 * Waits until a backend of this schema's connections waits for a lock (pg_stat_activity),
 * polling: the order of events a test arranges, never a duration. `blocked` gives the promise of
 * the work expected to wait (once it exists): should it settle instead (say its connection was
 * refused), this fails rather than wait forever.
 */
export async function untilWaitingForLock(
  pool: Pool,
  schema: string,
  blocked: () => Promise<unknown> | undefined,
): Promise<void> {
  let watched: Promise<unknown> | undefined;
  let outcome: string | undefined;
  for (;;) {
    const promise = blocked();
    if (promise !== undefined && promise !== watched) {
      watched = promise;
      promise.then(
        () => (outcome = 'finished'),
        (error: unknown) => (outcome = `failed: ${(error as Error).message}`),
      );
    }
    if (outcome !== undefined) {
      throw new Error(`the work expected to wait for a lock ${outcome} instead`);
    }
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [schema],
    );
    if ((rows[0]?.n ?? 0) >= 1) return;
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
