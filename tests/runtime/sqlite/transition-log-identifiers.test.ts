import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMachine, type MachineConfig } from 'state-machine-framework';
import { SqliteAdapterError, transitionLogDdl } from 'state-machine-framework/adapters/sqlite';
import { openAdapter } from './support/order-database.js';
import { dumpTables, execOn, tempDatabasePath } from './support/temp-database.js';

/** Issue 7 item 6: a workflow's identifier is logged, and read back, as the value it was. */

const entry = (entityId: unknown, seq = 1) => ({
  machine: 'Ticket',
  entityId,
  seq,
  from: null,
  to: 'Open',
  at: new Date('2024-05-01T10:00:00.000Z'),
  metadata: {},
});

/** The log table as transitionLogDdl made it before entity_id_type existed. */
const LEGACY_LOG = `CREATE TABLE smf_transitions (
  id INTEGER PRIMARY KEY, machine TEXT NOT NULL, entity_id, seq INTEGER NOT NULL,
  from_state TEXT, to_state TEXT NOT NULL, at DATETIME NOT NULL, metadata JSON NOT NULL
)`;

interface Ticket {
  ticketId: bigint;
  status: 'open' | 'closed';
}

const config: MachineConfig = {
  name: 'Ticket',
  models: { Ticket: { stateField: 'status', identifierField: 'ticketId' } },
  states: {
    Open: { models: { Ticket: 'open' }, to: ['Closed'], start: true },
    Closed: { models: { Ticket: 'closed' }, to: [], terminal: true },
  },
  context: {},
};

interface TicketTypes {
  state: 'Open' | 'Closed';
  start: 'Open';
  transitions: { Open: 'Closed'; Closed: never };
  anyStateTargets: never;
  models: { Ticket: Ticket };
  stateInstances: { Open: { Ticket: Ticket }; Closed: { Ticket: Ticket } };
  context: Record<never, never>;
  contextInput: Record<never, never>;
  contextOption: { context?: Record<never, never> };
}

describe('the transition log keeps the identifier’s type', () => {
  it('logs a workflow whose identifier is a BIGINT, and finds its entries by that bigint only', async () => {
    const file = tempDatabasePath();
    execOn(file, 'CREATE TABLE Ticket (ticketId BIGINT PRIMARY KEY, status TEXT NOT NULL)');
    const adapter = openAdapter(file, { transitionLog: true });
    const id = 2n ** 62n + 3n;
    await createMachine<TicketTypes>(config).run({ adapter }, async (wf) => {
      const open = await wf.transitionTo('Open', { Ticket: { ticketId: id } });
      await open.transitionTo('Closed', {});
    });
    const logged = await adapter.readTransitionLog({ entityId: id });
    expect(logged.map((e) => [e.entityId, e.to])).toEqual([
      [id, 'Open'],
      [id, 'Closed'],
    ]);
    const [stored] = dumpTables(file)['smf_transitions'] as Record<string, unknown>[];
    expect(stored).toMatchObject({ entity_id: Number(id), entity_id_type: 'bigint' });
    await adapter.recordTransition!(entry(7));
    expect(await adapter.readTransitionLog({ entityId: 7n })).toEqual([]);
    expect((await adapter.readTransitionLog({ entityId: 7 })).map((e) => e.entityId)).toEqual([7]);
  });

  it.each([
    ['text', 'T-1'],
    ['an integer', 42],
    ['a number past 2^53', 2 ** 60 + 2 ** 10],
    ['a fraction', 1.5],
    ['a bigint', 5n],
    ['a bigint past 64 bits', 2n ** 70n],
    ['a negative 64-bit bigint', -(2n ** 63n)],
    ['a boolean', false],
    ['a Date', new Date('2024-01-02T03:04:05.678Z')],
    ['a JSON value', { region: 'eu', n: [1, 2] }],
    ['bytes', Buffer.from([1, 2, 3])],
  ])('reads back %s exactly, and filters by it', async (_, id) => {
    const file = tempDatabasePath();
    const adapter = openAdapter(file, { transitionLog: true });
    await adapter.recordTransition!(entry(id));
    await adapter.recordTransition!(entry('other', 2));
    const all = await adapter.readTransitionLog();
    expect(all[0]?.entityId).toEqual(id);
    expect(typeof all[0]?.entityId).toBe(typeof id);
    expect((await adapter.readTransitionLog({ entityId: id })).map((e) => e.seq)).toEqual([1]);
  });

  it('logs a missing identifier as NULL', async () => {
    const adapter = openAdapter(tempDatabasePath(), { transitionLog: true });
    await adapter.recordTransition!(entry(undefined));
    await adapter.recordTransition!(entry(null, 2));
    expect((await adapter.readTransitionLog()).map((e) => e.entityId)).toEqual([null, null]);
  });

  it('refuses an identifier it cannot give back, naming the log column, and writes nothing', async () => {
    const file = tempDatabasePath();
    const adapter = openAdapter(file, { transitionLog: true });
    await expect(adapter.recordTransition!(entry(Number.NaN))).rejects.toThrow(
      /smf_transitions\.entity_id/,
    );
    expect(dumpTables(file)['smf_transitions']).toEqual([]);
  });

  it('transitionLogDdl() and the table the adapter creates are the same', async () => {
    const byDdl = tempDatabasePath();
    execOn(byDdl, transitionLogDdl());
    const byAdapter = tempDatabasePath();
    openAdapter(byAdapter, { transitionLog: true });
    expect(schemaOf(byAdapter)).toEqual(schemaOf(byDdl));
  });
});

function schemaOf(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
  } finally {
    db.close();
  }
}

describe('a log table made before entity_id_type existed', () => {
  it('still logs text and numbers, and says how to add the column for a bigint, writing nothing', async () => {
    const file = tempDatabasePath();
    execOn(file, LEGACY_LOG);
    const adapter = openAdapter(file, { transitionLog: true });
    await adapter.recordTransition!(entry('T-1'));
    await adapter.recordTransition!(entry(42, 2));
    expect((await adapter.readTransitionLog()).map((e) => e.entityId)).toEqual(['T-1', 42]);
    expect((await adapter.readTransitionLog({ entityId: 42 })).map((e) => e.seq)).toEqual([2]);
    const error = await adapter.recordTransition!(entry(5n, 3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(
      /has no entity_id_type column, which an identifier of type bigint \(the bigint 5n\) needs.*ALTER TABLE "smf_transitions" ADD COLUMN entity_id_type TEXT/,
    );
    await expect(adapter.readTransitionLog({ entityId: 5n })).rejects.toThrow(/ALTER TABLE/);
    expect(dumpTables(file)['smf_transitions']).toHaveLength(2);
  });

  it('logs a bigint once the column is added, and reads the older rows as before', async () => {
    const file = tempDatabasePath();
    execOn(file, LEGACY_LOG);
    execOn(
      file,
      `INSERT INTO smf_transitions (machine, entity_id, seq, to_state, at, metadata)
       VALUES ('Ticket', 9007199254740993, 1, 'Open', '2024-05-01T10:00:00.000Z', '{}')`,
    );
    execOn(file, 'ALTER TABLE smf_transitions ADD COLUMN entity_id_type TEXT');
    const adapter = openAdapter(file, { transitionLog: true });
    await adapter.recordTransition!(entry(5n, 2));
    // An integer an older adapter logged past 2^53 comes back exact, as a bigint.
    expect((await adapter.readTransitionLog()).map((e) => e.entityId)).toEqual([
      2n ** 53n + 1n,
      5n,
    ]);
  });
});
