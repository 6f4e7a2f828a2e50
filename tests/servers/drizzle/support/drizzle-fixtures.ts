// The DrizzleAdapter's own test databases: the same models as Drizzle tables on node-postgres (a
// fresh schema per opening) and on better-sqlite3 (a fresh file), with a second connection to
// each for what another process would see.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';
import {
  DrizzleAdapter,
  type DrizzleAdapterOptions,
  type DrizzleDatabase,
} from 'state-machine-framework/adapters/drizzle';
import { describe, onTestFinished } from 'vitest';
import { Client } from 'pg';
import { DATABASE_URL, freshPgSchema, serverAvailable } from '../../../support/servers.js';
import { tempDirectory } from '../../../support/temp-directory.js';

export const PG_TABLES = {
  Order: pg.pgTable('orders', {
    orderId: pg.text('order_id').primaryKey(),
    status: pg.text('status').notNull(),
    amount: pg.integer('amount'),
    code: pg.text('code').unique(),
    note: pg.text('note'),
  }),
  Sample: pg.pgTable('samples', {
    id: pg.text('id').primaryKey(),
    count: pg.integer('count'),
    big: pg.bigint('big', { mode: 'bigint' }),
    price: pg.numeric('price', { precision: 12, scale: 2 }),
    flag: pg.boolean('flag'),
    at: pg.timestamp('at', { withTimezone: true, precision: 3, mode: 'date' }),
    doc: pg.jsonb('doc'),
    label: pg.text('label'),
  }),
  Job: pg.pgTable('jobs', {
    jobId: pg.text('job_id').primaryKey(),
    status: pg.text('status').notNull(),
  }),
  Counter: pg.pgTable('counters', {
    counterId: pg.text('counter_id').primaryKey(),
    phase: pg.text('phase').notNull(),
    count: pg.integer('count').notNull().default(0),
    version: pg.integer('version'),
    meta: pg.jsonb('meta'),
  }),
  Audit: pg.pgTable('audit', {
    id: pg.serial('id').primaryKey(),
    jobId: pg.text('job_id').notNull(),
    note: pg.text('note').notNull(),
  }),
};

export const SQLITE_TABLES = {
  Order: lite.sqliteTable('orders', {
    orderId: lite.text('order_id').primaryKey(),
    status: lite.text('status').notNull(),
    amount: lite.integer('amount'),
    code: lite.text('code').unique(),
    note: lite.text('note'),
  }),
  Sample: lite.sqliteTable('samples', {
    id: lite.text('id').primaryKey(),
    count: lite.integer('count'),
    big: lite.blob('big', { mode: 'bigint' }),
    price: lite.numeric('price'),
    flag: lite.integer('flag', { mode: 'boolean' }),
    at: lite.integer('at', { mode: 'timestamp_ms' }),
    doc: lite.text('doc', { mode: 'json' }),
    label: lite.text('label'),
  }),
  Job: lite.sqliteTable('jobs', {
    jobId: lite.text('job_id').primaryKey(),
    status: lite.text('status').notNull(),
  }),
  Counter: lite.sqliteTable('counters', {
    counterId: lite.text('counter_id').primaryKey(),
    phase: lite.text('phase').notNull(),
    count: lite.integer('count').notNull().default(0),
    version: lite.integer('version'),
    meta: lite.text('meta', { mode: 'json' }),
  }),
  Audit: lite.sqliteTable('audit', {
    id: lite.integer('id').primaryKey({ autoIncrement: true }),
    jobId: lite.text('job_id').notNull(),
    note: lite.text('note').notNull(),
  }),
};

const PG_DDL = [
  `CREATE TABLE orders (order_id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER, code TEXT UNIQUE, note TEXT)`,
  `CREATE TABLE samples (id TEXT PRIMARY KEY, count INTEGER, big BIGINT, price NUMERIC(12, 2), flag BOOLEAN, at TIMESTAMPTZ(3), doc JSONB, label TEXT)`,
  `CREATE TABLE jobs (job_id TEXT PRIMARY KEY, status TEXT NOT NULL)`,
  `CREATE TABLE counters (counter_id TEXT PRIMARY KEY, phase TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0, version INTEGER, meta JSONB)`,
  `CREATE TABLE audit (id SERIAL PRIMARY KEY, job_id TEXT NOT NULL, note TEXT NOT NULL)`,
];

// price is TEXT so '12.50' stays as written (a NUMERIC column would make it the number 12.5).
const SQLITE_DDL = [
  `CREATE TABLE orders (order_id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER, code TEXT UNIQUE, note TEXT)`,
  `CREATE TABLE samples (id TEXT PRIMARY KEY, count INTEGER, big BLOB, price TEXT, flag INTEGER, at INTEGER, doc TEXT, label TEXT)`,
  `CREATE TABLE jobs (job_id TEXT PRIMARY KEY, status TEXT NOT NULL)`,
  `CREATE TABLE counters (counter_id TEXT PRIMARY KEY, phase TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0, version INTEGER, meta TEXT)`,
  `CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, note TEXT NOT NULL)`,
];

type AdapterOptions = Omit<DrizzleAdapterOptions, 'tables'>;

/** One test database: an adapter on it, a second connection, raw SQL for setup and checks. */
export interface DrizzleTestDatabase {
  readonly dialect: 'postgres' | 'sqlite';
  readonly tables: typeof PG_TABLES | typeof SQLITE_TABLES;
  readonly db: DrizzleDatabase;
  /** A DrizzleAdapter on `db` (the first one made on each call shares the connection). */
  adapter(options?: AdapterOptions): DrizzleAdapter<any>;
  /** A DrizzleAdapter on a connection of its own (another pool / another Database on the file). */
  otherAdapter(options?: AdapterOptions): DrizzleAdapter<any>;
  /** A DrizzleAdapter on a single connection (Postgres: one pg.Client rather than a pool). */
  singleConnectionAdapter(options?: AdapterOptions): Promise<DrizzleAdapter<any>>;
  /** Rows of a table through another connection: what is committed. */
  committed(table: string): Promise<Record<string, unknown>[]>;
  /** Postgres: resolves once `count` connections of this schema wait for a lock. */
  waitingForLocks(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface DrizzleFixture {
  readonly name: string;
  readonly dialect: 'postgres' | 'sqlite';
  open(): Promise<DrizzleTestDatabase>;
}

export const PG_FIXTURE: DrizzleFixture = {
  name: 'node-postgres',
  dialect: 'postgres',
  async open() {
    const schema = await freshPgSchema();
    await schema.exec(PG_DDL);
    const db = drizzlePg(schema.pool({ max: 4 }));
    const readerPool = schema.pool({ max: 2 });
    const clients: Client[] = [];
    return {
      dialect: 'postgres',
      tables: PG_TABLES,
      db,
      adapter: (options = {}) => new DrizzleAdapter(db, { tables: PG_TABLES, ...options }),
      otherAdapter: (options = {}) =>
        new DrizzleAdapter(drizzlePg(readerPool), { tables: PG_TABLES, ...options }),
      singleConnectionAdapter: async (options = {}) => {
        const client = new Client({
          connectionString: DATABASE_URL,
          options: `-c search_path=${schema.schema}`,
          application_name: schema.schema,
        });
        await client.connect();
        clients.push(client);
        return new DrizzleAdapter(drizzlePg(client), { tables: PG_TABLES, ...options });
      },
      committed: async (table) =>
        (await readerPool.query(`SELECT * FROM ${table} ORDER BY 1`)).rows as Record<
          string,
          unknown
        >[],
      waitingForLocks: async (count) => {
        // Polls pg_stat_activity until the backends wait: an ordering step, not a timing one.
        for (;;) {
          const { rows } = await readerPool.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [schema.schema],
          );
          if ((rows[0] as { n: number }).n >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
      close: async () => {
        await Promise.all(clients.map((client) => client.end()));
        await schema.drop();
      },
    };
  },
};

export const SQLITE_FIXTURE: DrizzleFixture = {
  name: 'better-sqlite3',
  dialect: 'sqlite',
  async open() {
    const directory = tempDirectory('smf-drizzle-');
    const file = join(directory.path, 'test.db');
    const connection = new Database(file);
    connection.pragma('journal_mode = WAL');
    for (const statement of SQLITE_DDL) connection.exec(statement);
    const reader = new Database(file);
    const others: Database.Database[] = [];
    const db = drizzleSqlite(connection);
    return {
      dialect: 'sqlite',
      tables: SQLITE_TABLES,
      db,
      adapter: (options = {}) => new DrizzleAdapter(db, { tables: SQLITE_TABLES, ...options }),
      otherAdapter: (options = {}) => {
        const other = new Database(file);
        others.push(other);
        return new DrizzleAdapter(drizzleSqlite(other), { tables: SQLITE_TABLES, ...options });
      },
      singleConnectionAdapter: async (options = {}) =>
        new DrizzleAdapter(db, { tables: SQLITE_TABLES, ...options }),
      committed: async (table) =>
        reader.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Record<string, unknown>[],
      waitingForLocks: () => Promise.reject(new Error('SQLite transactions never wait for rows')),
      close: async () => {
        for (const other of others) other.close();
        reader.close();
        connection.close();
        directory.remove();
      },
    };
  },
};

/**
 * `describe` once per driver (`%s` in the title is its name), skipped for node-postgres when the
 * server did not answer; `open()` gives each test a fresh database, closed when the test ends.
 */
export function describeEachDriver(
  title: string,
  body: (open: () => Promise<DrizzleTestDatabase>, fixture: DrizzleFixture) => void,
): void {
  for (const fixture of [PG_FIXTURE, SQLITE_FIXTURE]) {
    const unreachable = fixture.dialect === 'postgres' && !serverAvailable('postgres');
    const named = title.replace('%s', fixture.name);
    const open = async () => {
      const database = await fixture.open();
      onTestFinished(() => database.close());
      return database;
    };
    describe.skipIf(unreachable)(`${named}`, () => {
      body(open, fixture);
    });
  }
}
