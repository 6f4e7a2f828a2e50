// The example's PostgreSQL database: a schema of its own on DATABASE_URL, reached through Kysely.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { KyselyAdapter, transitionLogStatements } from 'state-machine-framework/adapters/kysely';
import type { WarehouseDatabase } from './models.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface Warehouse {
  readonly db: Kysely<WarehouseDatabase>;
  readonly adapter: KyselyAdapter<WarehouseDatabase>;
  close(): Promise<void>;
}

/** Kysely on a pg Pool whose connections work in `schema`, and the workflow adapter on it. */
export function openWarehouse(url: string, schema: string): Warehouse {
  const pool = new Pool({ connectionString: url, options: `-c search_path=${schema}` });
  const db = new Kysely<WarehouseDatabase>({ dialect: new PostgresDialect({ pool }) });
  const adapter = new KyselyAdapter(db, {
    tables: { Shipment: 'shipments' },
    transitionLog: true,
  });
  return { db, adapter, close: () => db.destroy() };
}

/** The tables, made afresh (your migrations own them in a real application). */
export async function createSchema(db: Kysely<WarehouseDatabase>, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await sql`CREATE TABLE shipments (
    "shipmentId" TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0)
  )`.execute(db);
  await sql`CREATE TABLE inventory (sku TEXT PRIMARY KEY, on_hand INTEGER NOT NULL)`.execute(db);
  for (const statement of transitionLogStatements('postgres')) await sql.raw(statement).execute(db);
}
