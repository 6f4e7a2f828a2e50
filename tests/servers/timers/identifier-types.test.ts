// A timer keeps its entity's identifier as text. Firing must find the entity whatever the type of
// its identifier column: an integer or bigint column on the adapters that check types (PgAdapter,
// SqliteAdapter), exact comparison in memory (numbers, bigints beyond 2^53, 16-digit integers).
// An entity deleted and made again under the same identifier gets only its new entry's timer,
// and a missing timers table says how to create it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  MemoryAdapter,
  timerTableStatements,
  UsageError,
  type MachineConfig,
  type ORMAdapter,
} from 'state-machine-framework';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { describeOnServer, freshPgSchema, type PgSchema } from '../../support/servers.js';
import { tempDirectory } from '../../support/temp-directory.js';

const HOUR = 3_600_000;
const config = {
  name: 'Lease',
  models: { Job: { stateField: 'status', identifierField: 'id' } },
  states: {
    Open: { start: true, models: { Job: 'open' }, to: ['Waiting'] },
    Waiting: {
      models: { Job: 'waiting' },
      to: ['Expired'],
      after: [{ afterMs: HOUR, to: 'Expired' }],
    },
    Expired: { terminal: true, models: { Job: 'expired' } },
  },
} as unknown as MachineConfig;

async function waiting(adapter: ORMAdapter, id: unknown): Promise<void> {
  await createMachine(config).run({ adapter }, async (wf) => {
    const open = await wf.transitionTo('Open', { Job: { id } } as never);
    await open.transitionTo('Waiting' as never);
  });
}

/** Puts every id in Waiting, fires what is due in ten hours, and returns each row's status. */
async function fireAll(adapter: ORMAdapter, ids: readonly unknown[]) {
  for (const id of ids) await waiting(adapter, id);
  const result = await createMachine(config).runDueTimers({
    adapter,
    now: new Date(Date.now() + 10 * HOUR),
  });
  const statuses = await Promise.all(
    ids.map(async (id) => (await adapter.get('Job', { id })).status),
  );
  return { fired: result.fired.length, failed: result.failed, dropped: result.dropped, statuses };
}

const sqliteFolder = tempDirectory('smf-timer-ids-');
afterAll(() => sqliteFolder.remove());

function sqliteAdapter(idType: string): SqliteAdapter {
  const db = new Database(join(sqliteFolder.path, `${idType.replaceAll(' ', '-')}.sqlite`));
  db.exec(`CREATE TABLE Job (id ${idType} PRIMARY KEY, status TEXT NOT NULL)`);
  for (const statement of timerTableStatements('sqlite')) db.exec(statement);
  return new SqliteAdapter(db, { transitionLog: true });
}

describe('a timer fires whatever the identifier column', () => {
  it.each([
    ['INTEGER', [5, 10, -3]],
    ['TEXT', ['5', 'a b', "x'y"]],
  ] as const)('SqliteAdapter, %s', async (idType, ids) => {
    const outcome = await fireAll(sqliteAdapter(idType), ids);
    expect(outcome).toEqual({
      fired: ids.length,
      failed: [],
      dropped: [],
      statuses: ids.map(() => 'expired'),
    });
  });

  it('MemoryAdapter: numbers, a bigint beyond 2^53, a 16-digit integer, a fraction', async () => {
    const ids = [5, 2n ** 60n + 1n, 1_700_000_000_000_000, 1.5];
    const outcome = await fireAll(new MemoryAdapter(), ids);
    expect(outcome).toEqual({
      fired: ids.length,
      failed: [],
      dropped: [],
      statuses: ids.map(() => 'expired'),
    });
  });
});

describeOnServer('postgres', 'a timer fires whatever the identifier column, PgAdapter', () => {
  const schemas: PgSchema[] = [];
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });
  it.each([
    ['integer', [5, 10, -3]],
    ['bigint', [5n, 2n ** 60n + 1n]],
    ['text', ['5', 'a b']],
  ] as const)('%s', async (idType, ids) => {
    const schema = await freshPgSchema();
    schemas.push(schema);
    await schema.exec([
      `CREATE TABLE "Job" (id ${idType} PRIMARY KEY, status text NOT NULL)`,
      ...timerTableStatements('postgres'),
    ]);
    const adapter = new PgAdapter(schema.pool(), { transitionLog: true });
    const outcome = await fireAll(adapter, ids);
    expect(outcome).toEqual({
      fired: ids.length,
      failed: [],
      dropped: [],
      statuses: ids.map(() => 'expired'),
    });
  });
});

describe('timers of an entity made again under the same identifier', () => {
  it("only the new entry's timer fires, at its own due time", async () => {
    const adapter = new MemoryAdapter({}, { transitionLog: true });
    const machine = createMachine(config);
    await waiting(adapter, 'A');
    const [oldTimer] = await adapter.readTimers!('Lease', 'A');
    await adapter.delete('Job', { id: 'A' });
    await waiting(adapter, 'A');
    const timers = await adapter.readTimers!('Lease', 'A');
    expect(timers).toHaveLength(1);
    expect(timers[0]?.entrySeq).not.toBe(oldTimer?.entrySeq);
    const newDueAt = timers[0]!.dueAt.getTime();
    const early = await machine.runDueTimers({ adapter, now: new Date(newDueAt - 1) });
    expect(early.fired).toEqual([]);
    const due = await machine.runDueTimers({ adapter, now: new Date(newDueAt) });
    expect(due.fired.map((timer) => timer.entityId)).toEqual(['A']);
  });
});

describe('a missing timers table', () => {
  it('is a UsageError that says how to create it, at the first transition and in runDueTimers', async () => {
    const db = new Database(join(sqliteFolder.path, 'no-timers.sqlite'));
    db.exec('CREATE TABLE Job (id TEXT PRIMARY KEY, status TEXT NOT NULL)');
    const adapter = new SqliteAdapter(db);
    const entered = await waiting(adapter, 'A').catch((error: unknown) => error);
    expect(entered).toBeInstanceOf(UsageError);
    expect((entered as Error).message).toMatch(/timers table is missing.*timerTableDdl/);
    const fired = await createMachine(config)
      .runDueTimers({ adapter })
      .catch((error: unknown) => error);
    expect(fired).toBeInstanceOf(UsageError);
    expect(await adapter.filter('Job', {})).toEqual([]);
  });
});

describe('a timer the definition no longer declares', () => {
  it('is dropped as undeclared, not fired, and the entity stays where it is', async () => {
    const adapter = new MemoryAdapter();
    await waiting(adapter, 'A');
    const [timer] = await adapter.readTimers!('Lease', 'A');
    const states = (config as unknown as { states: Record<string, object> }).states;
    const withoutTimer = {
      ...config,
      states: { ...states, Waiting: { models: { Job: 'waiting' }, to: ['Expired'] } },
    } as unknown as MachineConfig;
    const result = await createMachine(withoutTimer).runDueTimers({ adapter, now: timer!.dueAt });
    expect(result.fired).toEqual([]);
    expect(result.dropped).toEqual([
      { entityId: 'A', state: 'Waiting', to: 'Expired', reason: 'undeclared' },
    ]);
    expect((await adapter.get('Job', { id: 'A' })).status).toBe('waiting');
    expect(await adapter.readTimers!('Lease', 'A')).toEqual([]);
  });
});
