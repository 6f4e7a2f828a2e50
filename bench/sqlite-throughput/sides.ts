import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { OrderMachine } from './order.machine.gen.js';

export interface Sample {
  readonly wallMs: number;
  /** This process's CPU time (user + system): unlike wall time, not inflated by other processes. */
  readonly cpuMs: number;
}

/** Runs workflows `first` … `first + count - 1`: one order created and taken through two transitions each. */
export type Side = (first: number, count: number) => Promise<Sample>;

export async function measure(work: () => Promise<void> | void): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export function throughRuntime(db: BetterSqliteDatabase): Side {
  const adapter = new SqliteAdapter(db, { tables: { Order: 'orders' } });
  return (first, count) =>
    measure(async () => {
      for (let i = first; i < first + count; i++) {
        await OrderMachine.run({ adapter, context: {} }, async (wf) => {
          const pending = await wf.transitionTo('Pending', {
            Order: { orderId: `O${i}`, amount: 10 },
          });
          const processing = await pending.transitionTo('Processing');
          await processing.transitionTo('Completed');
        });
      }
    });
}

/** The same writes as hand-written, synchronous better-sqlite3 code would do them. */
export function handWritten(db: BetterSqliteDatabase): Side {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT sp');
  const release = db.prepare('RELEASE sp');
  const insert = db.prepare('INSERT INTO orders (orderId, amount, status) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE orders SET status = ? WHERE orderId = ? AND status = ?');
  const advance = (orderId: string, from: string, to: string) => {
    savepoint.run();
    if (update.run(to, orderId, from).changes !== 1)
      throw new Error(`${orderId} changed concurrently`);
    release.run();
  };
  return (first, count) =>
    measure(() => {
      for (let i = first; i < first + count; i++) {
        const orderId = `O${i}`;
        begin.run();
        try {
          savepoint.run();
          insert.run(orderId, 10, 'pending');
          release.run();
          advance(orderId, 'pending', 'processing');
          advance(orderId, 'processing', 'completed');
          commit.run();
        } catch (error) {
          rollback.run();
          throw error;
        }
      }
    });
}
