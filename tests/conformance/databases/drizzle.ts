import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { DrizzleAdapter } from 'state-machine-framework/adapters/drizzle';
import { transitionLogStatements } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import {
  closer,
  freshEachTime,
  sortedById,
  type ConformanceDatabase,
  type FixtureSession,
} from './conformance-database.js';
import { PG_TABLES, SQLITE_TABLES } from './drizzle-tables.js';
import { pgTransitionLog, sharedPgSchema } from './server-schema.js';
import { contractSqliteFile, sqliteTransitionLog } from './sqlite-file.js';

/** DrizzleAdapter on node-postgres in the file's schema; reads go through a second pool. */
export function drizzlePgSession(): FixtureSession {
  const shared = sharedPgSchema();
  return {
    async open() {
      const schema = await shared.emptied();
      const pool = schema.pool();
      const readerPool = schema.pool({ max: 1 });
      const adapter = new DrizzleAdapter(drizzlePg(pool), {
        tables: PG_TABLES,
        transitionLog: true,
      });
      const reader = new DrizzleAdapter(drizzlePg(readerPool), { tables: PG_TABLES });
      return {
        adapter,
        dialect: 'postgres',
        rows: async (model) => sortedById(model, await reader.filter(model, {})),
        transitionLog: () => pgTransitionLog(readerPool),
        close: closer(
          () => schema.endPool(pool),
          () => schema.endPool(readerPool),
        ),
      };
    },
    close: () => shared.close(),
  };
}

/** DrizzleAdapter on better-sqlite3 with a new file; reads go through a second connection. */
function openDrizzleSqliteDatabase(): ConformanceDatabase {
  const { file, remove } = contractSqliteFile(transitionLogStatements('sqlite').join('\n'));
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  const readerConnection = new Database(file);
  const adapter = new DrizzleAdapter(drizzleSqlite(connection), {
    tables: SQLITE_TABLES,
    transitionLog: true,
  });
  const reader = new DrizzleAdapter(drizzleSqlite(readerConnection), { tables: SQLITE_TABLES });
  return {
    adapter,
    dialect: 'sqlite',
    rows: async (model) => sortedById(model, await reader.filter(model, {})),
    transitionLog: async () => sqliteTransitionLog(file),
    close: closer(
      remove,
      () => connection.close(),
      () => readerConnection.close(),
    ),
  };
}

export const drizzleSqliteSession = (): FixtureSession => freshEachTime(openDrizzleSqliteDatabase);
