import Database from 'better-sqlite3';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { TransactionalAdapter } from 'state-machine-framework/adapters/transactional';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import {
  closer,
  freshEachTime,
  sortedById,
  type ConformanceDatabase,
  type FixtureSession,
} from './conformance-database.js';
import { pgTransitionLog, sharedPgSchema } from './server-schema.js';
import { contractSqliteFile, sqliteTransitionLog } from './sqlite-file.js';
import { pgTransactionDriver } from './transactional-pg-driver.js';
import { sqliteTransactionDriver } from './transactional-sqlite-driver.js';

/** TransactionalAdapter over a driver on one connection to a new file; reads through another. */
function openTransactionalSqliteDatabase(): ConformanceDatabase {
  const { file, remove } = contractSqliteFile();
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  const adapter = new TransactionalAdapter(sqliteTransactionDriver(connection, CONTRACT_TABLES));
  return {
    adapter,
    dialect: 'sqlite',
    async rows(model) {
      const reader = new SqliteAdapter(file, { tables: CONTRACT_TABLES });
      try {
        return sortedById(model, await reader.filter(model, {}));
      } finally {
        await reader.close();
      }
    },
    transitionLog: async () => sqliteTransitionLog(file),
    close: closer(remove, () => connection.close()),
  };
}

export const transactionalSqliteSession = (): FixtureSession =>
  freshEachTime(openTransactionalSqliteDatabase);

/** TransactionalAdapter over a driver on one connection in the file's schema; reads via a pool. */
export function transactionalPgSession(): FixtureSession {
  const shared = sharedPgSchema();
  return {
    async open() {
      const schema = await shared.emptied();
      const pool = schema.pool({ max: 1 });
      const readerPool = schema.pool({ max: 1 });
      const { driver, release } = await pgTransactionDriver(pool, CONTRACT_TABLES);
      const reader = new PgAdapter(readerPool, { tables: CONTRACT_TABLES });
      return {
        adapter: new TransactionalAdapter(driver),
        dialect: 'postgres',
        rows: async (model) => sortedById(model, await reader.filter(model, {})),
        transitionLog: () => pgTransitionLog(readerPool),
        close: closer(
          () => schema.endPool(pool),
          () => schema.endPool(readerPool),
          release,
        ),
      };
    },
    close: () => shared.close(),
  };
}
