import { SqliteAdapter, type SqliteAdapterOptions } from 'state-machine-framework/adapters/sqlite';
import { ORDER_SCHEMA_SQL, ORDER_TABLES } from './order-models.js';
import { execOn, onCleanup, tempDatabasePath } from './temp-database.js';

/** An adapter on `file`, closed after the test. */
export function openAdapter(file: string, options: SqliteAdapterOptions = {}): SqliteAdapter {
  const adapter = new SqliteAdapter(file, { tables: ORDER_TABLES, ...options });
  onCleanup(() => adapter.close());
  return adapter;
}

/** A new database file with the order schema, and an adapter on it. */
export function orderDatabase(options: SqliteAdapterOptions = {}): {
  file: string;
  adapter: SqliteAdapter;
} {
  const file = tempDatabasePath();
  execOn(file, ORDER_SCHEMA_SQL);
  return { file, adapter: openAdapter(file, options) };
}
