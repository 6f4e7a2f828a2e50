import type { Pool } from 'pg';
import { FLIP, MACHINE_NAME } from './logged-names.js';
import { quoteIdentifier } from './database.js';
import { HandSql } from './hand-sql.js';
import {
  lifecycleId,
  loadRowId,
  retrying,
  RowChanged,
  type Workload,
  type WorkflowRun,
} from './workloads.js';

export interface HandOptions {
  readonly workload: Workload;
  readonly table: string;
  readonly logTable: string | undefined;
  readonly rowsPerClient: number;
  readonly fewestRoundTrips: boolean;
}

/** A compare-and-set UPDATE must have changed exactly its one row. */
async function changed(pending: Promise<{ rowCount: number | null }>): Promise<void> {
  if ((await pending).rowCount !== 1) throw new RowChanged('the row changed concurrently');
}

/** BEGIN … COMMIT on a pooled client, ROLLBACK when `body` throws; a broken client is destroyed. */
async function inTransaction(
  pool: Pool,
  fewest: boolean,
  body: (sql: HandSql) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  const sql = new HandSql(client, fewest);
  let broken: Error | undefined;
  try {
    await sql.simple('BEGIN');
    await body(sql);
    await sql.commit();
  } catch (error) {
    await sql.rollback().catch((lost: unknown) => (broken = lost as Error));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** One transition in a savepoint of its own: a failed one is undone alone. */
async function step(sql: HandSql, body: () => Promise<void>): Promise<void> {
  await sql.simple('SAVEPOINT step');
  try {
    await body();
  } catch (error) {
    await sql.simple('ROLLBACK TO SAVEPOINT step');
    throw error;
  }
  await sql.simple('RELEASE SAVEPOINT step');
}

/**
 * The same work as the runtime does, as a careful developer writes it with node-postgres: the same
 * statements in the same transaction structure, an INSERT … RETURNING, compare-and-set UPDATEs
 * whose row count is checked, SELECT … FOR UPDATE before a loaded row is moved, and with the log
 * the same numbered INSERT … SELECT per transition.
 */
export function handWritten(pool: Pool, options: HandOptions): WorkflowRun {
  const { workload, rowsPerClient, fewestRoundTrips: fewest } = options;
  const t = quoteIdentifier(options.table);
  const l = options.logTable === undefined ? undefined : quoteIdentifier(options.logTable);
  const insert = `INSERT INTO ${t} (id, amount, status) VALUES ($1, $2, $3) RETURNING *`;
  const move = `UPDATE ${t} SET status = $1 WHERE id = $2 AND status = $3`;
  const moveCounting = `UPDATE ${t} SET loads = $1, status = $2 WHERE id = $3 AND status = $4`;
  const lock = `SELECT * FROM ${t} WHERE id = $1 FOR UPDATE`;
  const logEntry = `INSERT INTO ${l} (machine, entity_id, seq, from_state, to_state, at, results, metadata) SELECT $1::text, $2::text, COALESCE(MAX(seq), 0) + 1, $3::text, $4::text, $5::timestamptz, $6::jsonb, $7::jsonb FROM ${l} WHERE machine = $1 AND entity_id = $2 RETURNING seq`;

  const log = async (sql: HandSql, id: string, from: string | null, to: string) => {
    if (l === undefined) return;
    await sql.query(logEntry, [MACHINE_NAME, id, from, to, new Date(), '{}', '{}']);
  };

  if (workload === 'lifecycle') {
    return (client, n) => {
      const id = lifecycleId(client, n);
      return inTransaction(pool, fewest, async (sql) => {
        await step(sql, async () => {
          await sql.query(insert, [id, 10, 'pending']);
          await log(sql, id, null, 'Pending');
        });
        await step(sql, async () => {
          await changed(sql.query(move, ['processing', id, 'pending']));
          await log(sql, id, 'Pending', 'Processing');
        });
        await step(sql, async () => {
          await changed(sql.query(move, ['completed', id, 'processing']));
          await log(sql, id, 'Processing', 'Completed');
        });
      });
    };
  }

  const once = (id: string) =>
    inTransaction(pool, fewest, async (sql) => {
      const row = (await sql.query(lock, [id])).rows[0];
      if (row === undefined) throw new Error(`no row ${id}`);
      const status = row['status'] as string;
      if (status !== 'processing' && status !== 'on_hold') throw new Error(`${id} is ${status}`);
      const flip = FLIP[status];
      await step(sql, async () => {
        await changed(sql.query(moveCounting, [Number(row['loads']) + 1, flip.status, id, status]));
        await log(sql, id, flip.from, flip.to);
      });
    });
  return (client, n) => {
    const id = loadRowId(workload, client, n, rowsPerClient);
    return retrying(workload, () => once(id));
  };
}
