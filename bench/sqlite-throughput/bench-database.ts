import Database from 'better-sqlite3';
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { join } from 'node:path';

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
