import { SqliteAdapter, sqliteTimerTableDdl } from 'state-machine-framework/adapters/sqlite';
import type { Machine, Product } from './models.js';

export const MACHINE: Machine = { machineId: 'VM-1', location: 'Lobby', status: 'ready' };

export const PRODUCTS: readonly Product[] = [
  { productId: 'A1', machineId: 'VM-1', name: 'Cola', price: 125, stock: 3 },
  { productId: 'B2', machineId: 'VM-1', name: 'Chips', price: 100, stock: 2 },
  { productId: 'C3', machineId: 'VM-1', name: 'Gum', price: 50, stock: 0 },
];

/** Opens (and on first use creates and stocks) the vending database in a SQLite file. */
export async function openVendingDatabase(file: string): Promise<SqliteAdapter> {
  const adapter = new SqliteAdapter(file, { transitionLog: true });
  await adapter.createTable('Machine', {
    machineId: 'TEXT PRIMARY KEY',
    location: 'TEXT NOT NULL',
    status: 'TEXT NOT NULL',
  });
  await adapter.createTable('Product', {
    productId: 'TEXT PRIMARY KEY',
    machineId: 'TEXT NOT NULL REFERENCES Machine(machineId)',
    name: 'TEXT NOT NULL',
    price: 'INTEGER NOT NULL',
    stock: 'INTEGER NOT NULL CHECK (stock >= 0)',
  });
  await adapter.createTable('VendTransaction', {
    transactionId: 'TEXT PRIMARY KEY',
    machineId: 'TEXT NOT NULL REFERENCES Machine(machineId)',
    status: 'TEXT NOT NULL',
    credit: 'INTEGER NOT NULL',
    lastCoin: 'INTEGER',
    productId: 'TEXT REFERENCES Product(productId)',
    price: 'INTEGER',
    change: 'INTEGER',
  });
  // The durable timers' table is the migrations' job (adapters never create it): its DDL, rerunnable.
  adapter.database.exec(sqliteTimerTableDdl());
  if ((await adapter.filter('Machine', { machineId: MACHINE.machineId })).length === 0) {
    await adapter.transaction(async (tx) => {
      await tx.create('Machine', { ...MACHINE });
      for (const product of PRODUCTS) await tx.create('Product', { ...product });
    });
  }
  return adapter;
}

/** Every row of every table, in a stable order: what "nothing was written" is checked against. */
export function dumpTables(adapter: SqliteAdapter): Record<string, unknown[]> {
  const tables = adapter.database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    dump[name] = adapter.database.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
  }
  return dump;
}
