import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { timerTableDdl, timerTableStatements, type TimerOperations } from 'state-machine-framework';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { PgAdapter, pgTimerTableDdl } from 'state-machine-framework/adapters/pg';
import { sqliteTimerTableDdl } from 'state-machine-framework/adapters/sqlite';
import {
  describeOnServer,
  freshMysqlDatabase,
  freshPgSchema,
  type MysqlDatabase,
  type PgSchema,
} from '../support/servers.js';
import { tempDirectory } from '../support/temp-directory.js';

// The timers table's DDL on each database, and the claim on the servers with two connections:
// while one worker's claim is still open, another skips the rows it holds instead of waiting.

const T0 = new Date('2030-01-01T00:00:00.000Z');
const claimOptions = { machine: 'Order', now: T0, limit: 2, leaseMs: 60_000 };

async function scheduleFour(timers: TimerOperations): Promise<void> {
  for (const [i, id] of ['A', 'B', 'C', 'D'].entries()) {
    await timers.scheduleTimers({
      machine: 'Order',
      entityId: id,
      state: 'Pending',
      entrySeq: 1,
      enteredAt: T0,
      timers: [{ target: 'Cancelled', dueAt: new Date(T0.getTime() - 1000 + i) }],
    });
  }
}

/** Worker one claims in a transaction it keeps open while worker two claims. */
async function claimSideBySide(one: TimerOperations & PgOrKysely, two: TimerOperations) {
  let second: string[] = [];
  const first = await one.transaction(async (tx) => {
    const held = await (tx as unknown as TimerOperations).claimDueTimers(claimOptions);
    second = (await two.claimDueTimers({ ...claimOptions, limit: 10 })).map((t) => t.entityId);
    return held.map((t) => t.entityId);
  });
  return { first, second };
}

type PgOrKysely = Pick<PgAdapter, 'transaction'>;

describe('timerTableDdl', () => {
  it('is each dialect’s script of its statements, and the adapters’ own names give the same', () => {
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
      expect(timerTableDdl(dialect)).toBe(timerTableStatements(dialect).join('\n'));
      expect(timerTableDdl(dialect, 'due')).toContain(
        'PRIMARY KEY (machine, entity_id, entry_seq, target)',
      );
    }
    expect(pgTimerTableDdl('due')).toBe(timerTableDdl('postgres', 'due'));
    expect(sqliteTimerTableDdl()).toBe(timerTableDdl('sqlite'));
  });

  it('creates the table on SQLite, again without complaint, with its key enforced', () => {
    const directory = tempDirectory('smf-timer-ddl-');
    const db = new Database(join(directory.path, 'timers.db'));
    try {
      db.exec(timerTableDdl('sqlite'));
      db.exec(timerTableDdl('sqlite'));
      const insert = db.prepare(
        "INSERT INTO smf_timers (machine, entity_id, entry_seq, target, state, due_at, next_attempt_at, created_at) VALUES ('M', '1', 1, 'B', 'A', 'x', 'x', 'x')",
      );
      insert.run();
      expect(() => insert.run()).toThrow(/UNIQUE/);
      const index = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'smf_timers'")
        .all();
      expect(index).toContainEqual({ name: 'smf_timers_due' });
    } finally {
      db.close();
      directory.remove();
    }
  });
});

describeOnServer('postgres', 'timers on PostgreSQL, two connections', () => {
  let schema: PgSchema | undefined;
  afterAll(async () => schema?.drop());

  it('the DDL runs twice; a claim held open is skipped by the other connection, not waited for', async () => {
    schema = await freshPgSchema();
    await schema.exec(timerTableStatements('postgres'));
    await schema.exec(timerTableStatements('postgres'));
    const one = new PgAdapter(schema.pool({ max: 2 }));
    const two = new PgAdapter(schema.pool({ max: 2 }));
    await scheduleFour(one);
    const { first, second } = await claimSideBySide(one, two);
    expect(first).toEqual(['A', 'B']);
    expect(second).toEqual(['C', 'D']);
    expect(await one.claimDueTimers({ ...claimOptions, limit: 10 })).toEqual([]);
  });
});

describeOnServer('mysql', 'timers on MySQL/MariaDB, two connections', () => {
  let database: MysqlDatabase | undefined;
  const instances: Kysely<Record<string, never>>[] = [];
  afterAll(async () => {
    for (const db of instances) await db.destroy();
    await database?.drop();
  });

  it('the DDL runs twice; a claim held open is skipped by the other connection, not waited for', async () => {
    database = await freshMysqlDatabase();
    await database.exec(timerTableStatements('mysql'));
    await database.exec(timerTableStatements('mysql'));
    const kysely = () => {
      const db = new Kysely<Record<string, never>>({
        dialect: new MysqlDialect({ pool: database!.pool({ max: 2 }) }),
      });
      instances.push(db);
      return db;
    };
    const one = new KyselyAdapter(kysely());
    const two = new KyselyAdapter(kysely());
    await scheduleFour(one);
    const { first, second } = await claimSideBySide(one, two);
    expect(first).toEqual(['A', 'B']);
    // InnoDB may lock more rows than the claim returns (what it scanned), so the other worker
    // takes some or none of the rest, but never one the first holds.
    expect(second.every((id) => id === 'C' || id === 'D')).toBe(true);
    const rest = await two.claimDueTimers({ ...claimOptions, limit: 10 });
    expect([...second, ...rest.map((t) => t.entityId)].toSorted()).toEqual(['C', 'D']);
  });
});
