import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';

const directories: string[] = [];
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

/** Runs after the test, before its temp directories are removed (close connections here). */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** A fresh path for a database file in its own temp directory, removed after the test. */
export function tempDatabasePath(name = 'test.db'): string {
  const directory = mkdtempSync(join(tmpdir(), 'smf-sqlite-'));
  directories.push(directory);
  return join(directory, name);
}

/** Runs SQL on the file through a connection of its own, closed again before returning. */
export function execOn(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/**
 * Every user table of the file, every row, read through a separate connection: what another
 * process would see once everything committed.
 */
export function dumpTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const dump: Record<string, unknown[]> = {};
    for (const table of tables)
      dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
    return dump;
  } finally {
    db.close();
  }
}
