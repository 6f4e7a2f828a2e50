// The databases of tests/servers/reentry.test.ts: each server adapter (and the SQLite paths of
// Kysely and Drizzle) on a jobs table of its own, with pools of the size a test asks for.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import * as pgCore from 'drizzle-orm/pg-core';
import * as sqliteCore from 'drizzle-orm/sqlite-core';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import type { Pool } from 'pg';
import { onTestFinished } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { DrizzleAdapter } from 'state-machine-framework/adapters/drizzle';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { freshMysqlDatabase, freshPgSchema, type Server } from '../support/servers.js';
import { tempDirectory } from '../support/temp-directory.js';

/** One adapter and what shares its connections. */
export interface Made {
  readonly adapter: ORMAdapter;
  /** Another adapter instance of the same kind on the very same pool (or Kysely instance). */
  sibling(): ORMAdapter;
}

export interface ReentryDatabase {
  /** An adapter on a pool of `max` connections of its own (SQLite: a connection of its own). */
  make(max: number): Made;
}

export interface ReentryFixture {
  readonly name: string;
  /** Undefined for SQLite, which needs no server. */
  readonly server: Server | undefined;
  /** Whether a sibling (same connections, another instance) counts as the adapter itself. */
  readonly siblingIsItself: boolean;
  /** A fresh database with an empty jobs table, dropped when the running test finishes. */
  open(): Promise<ReentryDatabase>;
}

const PG_JOBS = 'CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)';
const MYSQL_JOBS = 'CREATE TABLE jobs (jobId VARCHAR(191) PRIMARY KEY, status TEXT NOT NULL)';
const SQLITE_JOBS = 'CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)';
const KYSELY_TABLES = { tables: { Job: 'jobs' } };
const DRIZZLE_PG_TABLES = {
  tables: {
    Job: pgCore.pgTable('jobs', {
      jobId: pgCore.text('jobId').primaryKey(),
      status: pgCore.text('status').notNull(),
    }),
  },
};
const DRIZZLE_SQLITE_TABLES = {
  tables: {
    Job: sqliteCore.sqliteTable('jobs', {
      jobId: sqliteCore.text('jobId').primaryKey(),
      status: sqliteCore.text('status').notNull(),
    }),
  },
};

async function pgDatabase(adapterOn: (pool: Pool) => Made): Promise<ReentryDatabase> {
  const schema = await freshPgSchema();
  onTestFinished(() => schema.drop());
  await schema.exec([PG_JOBS]);
  return { make: (max) => adapterOn(schema.pool({ max })) };
}

/** A temp SQLite file with the jobs table; connections to it are closed when the test ends. */
function sqliteFile(): () => Database.Database {
  const directory = tempDirectory('smf-reentry-');
  const file = join(directory.path, 'test.db');
  const connections: Database.Database[] = [];
  onTestFinished(() => {
    for (const connection of connections) connection.close();
    directory.remove();
  });
  const connect = () => {
    const connection = new Database(file);
    connection.pragma('journal_mode = WAL');
    connections.push(connection);
    return connection;
  };
  connect().exec(SQLITE_JOBS);
  return connect;
}

export const REENTRY_FIXTURES: readonly ReentryFixture[] = [
  {
    name: 'PgAdapter (PostgreSQL)',
    server: 'postgres',
    siblingIsItself: false,
    open: () =>
      pgDatabase((pool) => ({
        adapter: new PgAdapter(pool, { tables: { Job: 'jobs' } }),
        sibling: () => new PgAdapter(pool, { tables: { Job: 'jobs' } }),
      })),
  },
  {
    name: 'KyselyAdapter (PostgreSQL)',
    server: 'postgres',
    siblingIsItself: true,
    open: () =>
      pgDatabase((pool) => {
        const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
        return {
          adapter: new KyselyAdapter(db, KYSELY_TABLES),
          sibling: () => new KyselyAdapter(db, KYSELY_TABLES),
        };
      }),
  },
  {
    name: 'KyselyAdapter (MariaDB)',
    server: 'mysql',
    siblingIsItself: true,
    async open() {
      const database = await freshMysqlDatabase();
      onTestFinished(() => database.drop());
      await database.exec([MYSQL_JOBS]);
      return {
        make(max) {
          const db = new Kysely<any>({
            dialect: new MysqlDialect({ pool: database.pool({ max }) }),
          });
          return {
            adapter: new KyselyAdapter(db, KYSELY_TABLES),
            sibling: () => new KyselyAdapter(db, KYSELY_TABLES),
          };
        },
      };
    },
  },
  {
    name: 'DrizzleAdapter (node-postgres)',
    server: 'postgres',
    siblingIsItself: false,
    open: () =>
      pgDatabase((pool) => {
        const db = drizzlePg(pool);
        return {
          adapter: new DrizzleAdapter(db, DRIZZLE_PG_TABLES),
          sibling: () => new DrizzleAdapter(db, DRIZZLE_PG_TABLES),
        };
      }),
  },
  {
    name: 'KyselyAdapter (SQLite)',
    server: undefined,
    siblingIsItself: true,
    async open() {
      const connect = sqliteFile();
      return {
        make() {
          const db = new Kysely<any>({ dialect: new SqliteDialect({ database: connect() }) });
          return {
            adapter: new KyselyAdapter(db, KYSELY_TABLES),
            sibling: () => new KyselyAdapter(db, KYSELY_TABLES),
          };
        },
      };
    },
  },
  {
    name: 'DrizzleAdapter (better-sqlite3)',
    server: undefined,
    siblingIsItself: false,
    async open() {
      const connect = sqliteFile();
      return {
        make() {
          const db = drizzleSqlite(connect());
          return {
            adapter: new DrizzleAdapter(db, DRIZZLE_SQLITE_TABLES),
            sibling: () => new DrizzleAdapter(db, DRIZZLE_SQLITE_TABLES),
          };
        },
      };
    },
  },
];
