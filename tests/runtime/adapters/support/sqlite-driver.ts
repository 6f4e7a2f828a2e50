import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Filters, Row } from 'state-machine-framework';
import type { TransactionDriver } from 'state-machine-framework/adapters/transactional';
import { ObjectNotFound } from '../../../../runtime/errors.js';

function where(filters: Filters) {
  const keys = Object.keys(filters);
  const sql = keys.length ? ` WHERE ${keys.map((k) => `"${k}" = ?`).join(' AND ')}` : '';
  return { sql, values: Object.values(filters) };
}

/** A begin/commit/rollback driver over a real SQLite file; `log` receives its transaction SQL. */
export function sqliteDriver(db: Database.Database, log: string[] = []): TransactionDriver {
  const exec = (sql: string) => {
    log.push(sql);
    db.exec(sql);
  };
  return {
    async create(model, data) {
      const keys = Object.keys(data);
      const sql = `INSERT INTO "${model}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING *`;
      return db.prepare(sql).get(...Object.values(data)) as Row;
    },
    async get(model, filters) {
      const w = where(filters);
      const row = db.prepare(`SELECT * FROM "${model}"${w.sql}`).get(...w.values) as
        Row | undefined;
      if (!row) throw new ObjectNotFound(model, filters);
      return row;
    },
    async filter(model, filters) {
      const w = where(filters);
      return db.prepare(`SELECT * FROM "${model}"${w.sql}`).all(...w.values) as Row[];
    },
    async update(model, filters, changes) {
      const w = where(filters);
      const set = Object.keys(changes)
        .map((k) => `"${k}" = ?`)
        .join(', ');
      return db
        .prepare(`UPDATE "${model}" SET ${set}${w.sql}`)
        .run(...Object.values(changes), ...w.values).changes;
    },
    async delete(model, filters) {
      const w = where(filters);
      return db.prepare(`DELETE FROM "${model}"${w.sql}`).run(...w.values).changes;
    },
    begin: async () => exec('BEGIN'),
    commit: async () => exec('COMMIT'),
    rollback: async () => exec('ROLLBACK'),
    savepoint: async (name) => exec(`SAVEPOINT ${name}`),
    releaseSavepoint: async (name) => exec(`RELEASE ${name}`),
    rollbackToSavepoint: async (name) => exec(`ROLLBACK TO ${name}`),
  };
}

/** A fresh SQLite file with an `Item (id INTEGER PRIMARY KEY, n INTEGER)` table. */
export function openItemsDatabase(): { db: Database.Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'smf-adapters-'));
  const db = new Database(join(dir, 'items.db'));
  db.exec('CREATE TABLE "Item" (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)');
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
