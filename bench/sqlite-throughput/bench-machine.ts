import Database from 'better-sqlite3';
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { join } from 'node:path';
import { createMachine, type MachineConfig } from 'state-machine-framework';

interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed';
  amount: number;
}

/** The type bundle a generated module would declare for this three-state machine. */
interface BenchTypes {
  state: 'Pending' | 'Processing' | 'Completed';
  start: 'Pending';
  transitions: { Pending: 'Processing'; Processing: 'Completed'; Completed: never };
  anyStateTargets: never;
  models: { Order: Order };
  stateInstances: {
    Pending: { Order: Order };
    Processing: { Order: Order };
    Completed: { Order: Order };
  };
  context: { order: Order };
  contextInput: Record<never, never>;
  contextOption: { context?: Record<never, never> };
}

const config: MachineConfig = {
  name: 'Order',
  models: { Order: { stateField: 'status', identifierField: 'orderId' } },
  states: {
    Pending: { models: { Order: 'pending' }, to: ['Processing'], start: true },
    Processing: { models: { Order: 'processing' }, to: ['Completed'] },
    Completed: { models: { Order: 'completed' }, to: [], terminal: true },
  },
  context: { order: { kind: 'instance', required: true, model: 'Order', createdIn: 'Pending' } },
};

export const benchMachine = createMachine<BenchTypes>(config);

/** A fresh file with the orders table, in WAL mode at the given `synchronous` level. */
export function openBenchDatabase(
  directory: string,
  name: string,
  synchronous: string,
): BetterSqliteDatabase {
  const db = new Database(join(directory, name));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(
    'CREATE TABLE orders (orderId TEXT PRIMARY KEY, status TEXT NOT NULL, amount REAL NOT NULL)',
  );
  return db;
}

export function completedOrders(db: BetterSqliteDatabase): number {
  return db
    .prepare("SELECT count(*) FROM orders WHERE status = 'completed'")
    .pluck()
    .get() as number;
}
