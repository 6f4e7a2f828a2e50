import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { openAdapter } from './support/order-database.js';
import { execOn, tempDatabasePath } from './support/temp-database.js';

/**
 * Version 0.2 logged steps numbered per workflow run (two runs of one entity both have a seq 1),
 * kept the identifier's kind in entity_id_type and had no `results` column. Its tables are refused
 * when the adapter is created, with what to do, and left as they were.
 */

/** transitionLogDdl() of 0.2, once entity_id_type existed. */
const LOG_0_2 = `CREATE TABLE IF NOT EXISTS "smf_transitions" (
  id INTEGER PRIMARY KEY,
  machine TEXT NOT NULL,
  entity_id,
  entity_id_type TEXT,
  seq INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at DATETIME NOT NULL,
  metadata JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS "smf_transitions_entity" ON "smf_transitions" (machine, entity_id, id);`;

/** The same before entity_id_type was added. */
const LOG_0_2_UNTYPED = `CREATE TABLE smf_transitions (
  id INTEGER PRIMARY KEY, machine TEXT NOT NULL, entity_id, seq INTEGER NOT NULL,
  from_state TEXT, to_state TEXT NOT NULL, at DATETIME NOT NULL, metadata JSON NOT NULL
)`;

/** Two runs of order O1, each numbered from 1 as 0.2 did. */
const TWO_RUNS = `INSERT INTO smf_transitions (machine, entity_id, seq, from_state, to_state, at, metadata)
VALUES
  ('Order', 'O1', 1, NULL, 'Pending', '2024-05-01T10:00:00.000Z', '{}'),
  ('Order', 'O1', 2, 'Pending', 'Processing', '2024-05-01T10:00:01.000Z', '{}'),
  ('Order', 'O1', 1, 'Processing', 'Shipped', '2024-05-02T10:00:00.000Z', '{"label":{"id":7}}');`;

/**
 * The log's unique index is made only after the table's columns are checked: otherwise a 0.2 log
 * holding two runs of one entity would fail with SQLite's "UNIQUE constraint failed", a table
 * without entity_id or seq with "no such column", and a refused 0.2 table would keep the new
 * index, which a rename takes along, leaving the new log without one.
 */

const refusal0_2 =
  /the transition log table "smf_transitions" exists but lacks column\(s\) results; .*transitionLogDdl\('smf_transitions'\).*version 0\.2 numbered steps per run: rename it/;

describe('a transition log table made by version 0.2', () => {
  it.each([
    ['with entity_id_type, holding two runs of one entity', LOG_0_2, TWO_RUNS],
    ['with entity_id_type, empty', LOG_0_2, ''],
    ['from before entity_id_type, holding two runs of one entity', LOG_0_2_UNTYPED, TWO_RUNS],
  ])('is refused when the adapter is created (%s), and left as it was', (_, ddl, rows) => {
    const file = tempDatabasePath();
    execOn(file, `${ddl};\n${rows}`);
    const before = snapshot(file);
    const error = captureError(() => openAdapter(file, { transitionLog: true }));
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(refusal0_2);
    expect(snapshot(file)).toEqual(before);
  });

  it('once renamed as the message says, the adapter creates a new log with its unique index, and the old rows stay put', async () => {
    const file = tempDatabasePath();
    execOn(file, `${LOG_0_2};\n${TWO_RUNS}`);
    expect(() => openAdapter(file, { transitionLog: true })).toThrow(refusal0_2);
    execOn(file, 'ALTER TABLE smf_transitions RENAME TO smf_transitions_0_2');
    const adapter = openAdapter(file, { transitionLog: true });
    expect(await adapter.readTransitions!('Order', 'O1')).toEqual([]);
    const db = new Database(file, { readonly: true });
    try {
      const index = db
        .prepare(
          "SELECT tbl_name, sql FROM sqlite_schema WHERE name = 'smf_transitions_entity_seq'",
        )
        .get() as { tbl_name: string; sql: string } | undefined;
      expect(index?.tbl_name).toBe('smf_transitions');
      expect(index?.sql).toMatch(/^CREATE UNIQUE INDEX .* \(machine, entity_id, seq\)$/);
      expect(db.prepare('SELECT count(*) AS n FROM smf_transitions_0_2').get()).toEqual({ n: 3 });
    } finally {
      db.close();
    }
  });
});

describe('a table of the log’s name that is not a log', () => {
  it('is refused, naming every missing column, and left as it was', () => {
    const file = tempDatabasePath();
    execOn(file, 'CREATE TABLE smf_transitions (id INTEGER PRIMARY KEY, machine TEXT, at TEXT)');
    const before = snapshot(file);
    const error = captureError(() => openAdapter(file, { transitionLog: true }));
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(
      /"smf_transitions" exists but lacks column\(s\) entity_id, seq, from_state, to_state, results, metadata; /,
    );
    expect(snapshot(file)).toEqual(before);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The file's schema and log rows, read through a connection of their own. */
function snapshot(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return {
      schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all(),
      rows: db.prepare('SELECT * FROM smf_transitions ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}
