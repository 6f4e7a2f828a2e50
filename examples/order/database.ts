import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';

/** Opens the orders database in a SQLite file, creating the Order table on first use. */
export async function openOrderDatabase(file: string): Promise<SqliteAdapter> {
  const adapter = new SqliteAdapter(file);
  await adapter.createTable('Order', {
    orderId: 'TEXT PRIMARY KEY',
    status: 'TEXT NOT NULL',
    amount: 'REAL NOT NULL',
    customerEmail: 'TEXT NOT NULL',
    cancelledAt: 'TEXT',
  });
  return adapter;
}
