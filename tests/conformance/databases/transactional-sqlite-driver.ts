import type { Database } from 'better-sqlite3';
import { DEFAULT_TRANSITION_LOG_TABLE } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { RowStore } from 'state-machine-framework/adapters/sqlite/row-store';
import { TransitionLog } from 'state-machine-framework/adapters/sqlite/transition-log';
import type { TransactionDriver } from 'state-machine-framework/adapters/transactional';
import { SqlTimers, sqlTimerOperations } from 'state-machine-framework/adapters/sql/timer-sql';

/**
 * A driver a user could hand TransactionalAdapter: one better-sqlite3 connection, BEGIN
 * IMMEDIATE … COMMIT and SAVEPOINT / RELEASE / ROLLBACK TO run as they are asked for. Its rows go
 * through SqliteAdapter's row store and transition log, so values read back as every fixture's
 * do and what the suite checks is TransactionalAdapter's transactions, not a driver's codecs.
 */
export function sqliteTransactionDriver(
  db: Database,
  tables: Readonly<Record<string, string>>,
): TransactionDriver {
  const rows = new RowStore(db, (model) => (Object.hasOwn(tables, model) ? tables[model] : model)!);
  const log = new TransitionLog(db, DEFAULT_TRANSITION_LOG_TABLE);
  const exec = async (sql: string) => void db.exec(sql);
  return {
    create: async (model, data) => rows.insert(model, data),
    get: async (model, filters) => rows.getOne(model, filters),
    filter: async (model, filters) => rows.select(model, filters),
    update: async (model, filters, changes) => rows.update(model, filters, changes),
    delete: async (model, filters) => rows.delete(model, filters),
    recordTransition: async (entry) => log.record(entry),
    readTransitions: async (machine, entityId) => log.read(machine, entityId),
    ...sqlTimerOperations(new SqlTimers('sqlite'), async (sql, params) => {
      const statement = db.prepare(sql);
      if (statement.reader) return { rows: statement.all(...params) as Record<string, unknown>[] };
      return { rows: [], affected: statement.run(...params).changes };
    }),
    begin: () => exec('BEGIN IMMEDIATE'),
    commit: () => exec('COMMIT'),
    rollback: () => exec('ROLLBACK'),
    savepoint: (name) => exec(`SAVEPOINT ${name}`),
    releaseSavepoint: (name) => exec(`RELEASE ${name}`),
    rollbackToSavepoint: (name) => exec(`ROLLBACK TO ${name}`),
  };
}
