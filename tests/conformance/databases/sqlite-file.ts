import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_TRANSITION_LOG_TABLE } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { timerTableDdl } from 'state-machine-framework/adapters/sql/timer-table-ddl';
import { CONTRACT_SCHEMA_SQL } from '../../runtime/contract/support/contract-schema.js';
import { tempDirectory } from '../../support/temp-directory.js';
import { LOG_COLUMNS, stepOf, type LoggedStep, type LogRow } from './conformance-database.js';

/** A new SQLite file holding the contract and timers tables, in a temp directory of its own. */
export function contractSqliteFile(extraSql = ''): { file: string; remove(): void } {
  const directory = tempDirectory('smf-conformance-');
  const file = join(directory.path, 'conformance.db');
  const db = new Database(file);
  try {
    db.exec(`${CONTRACT_SCHEMA_SQL}\n${timerTableDdl('sqlite')}\n${extraSql}`);
  } finally {
    db.close();
  }
  return { file, remove: directory.remove };
}

/** The file's transition log through a read-only connection of its own ([] before it exists). */
export function sqliteTransitionLog(file: string): LoggedStep[] {
  const db = new Database(file, { readonly: true });
  try {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .get(DEFAULT_TRANSITION_LOG_TABLE);
    if (!exists) return [];
    const sql = `SELECT ${LOG_COLUMNS} FROM "${DEFAULT_TRANSITION_LOG_TABLE}" ORDER BY id`;
    return (db.prepare(sql).all() as LogRow[]).map(stepOf);
  } finally {
    db.close();
  }
}
