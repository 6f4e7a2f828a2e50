import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import {
  closer,
  freshEachTime,
  sortedById,
  type ConformanceDatabase,
  type FixtureSession,
} from './conformance-database.js';
import { contractSqliteFile, sqliteTransitionLog } from './sqlite-file.js';

/** A SqliteAdapter on a new file; reads go through a second adapter opened per read. */
function openSqliteDatabase(): ConformanceDatabase {
  const { file, remove } = contractSqliteFile();
  const adapter = new SqliteAdapter(file, { tables: CONTRACT_TABLES, transitionLog: true });
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
    close: closer(remove, () => adapter.close()),
  };
}

export const sqliteSession = (): FixtureSession => freshEachTime(openSqliteDatabase);
