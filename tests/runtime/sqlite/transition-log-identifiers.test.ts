import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { transitionLogDdl } from 'state-machine-framework/adapters/sqlite';
import { openAdapter } from './support/order-database.js';
import { TicketMachine } from './support/ticket.machine.gen.js';
import type { TicketId } from './support/ticket-models.js';
import { dumpTables, execOn, tempDatabasePath } from './support/temp-database.js';

/**
 * The log keeps a workflow's identifier as text (`entity_id TEXT`), so every kind of identifier a
 * primary model may have is found again by the same id: `readTransitions(machine, id)` and
 * `history({ id })` hand back the id they were given.
 */

const record = (entityId: unknown) => ({
  machine: 'Ticket',
  entityId,
  from: null,
  to: 'Open',
  at: new Date('2024-05-01T10:00:00.000Z'),
  results: {},
  metadata: {},
});

const when = new Date('2024-01-02T03:04:05.678Z');

describe('the transition log finds an entity by the identifier it was logged with', () => {
  it.each<[string, string, TicketId, TicketId, string]>([
    ['text', 'TEXT', 'T-1', 'T-1', 'T-1'],
    ['an integer', 'INTEGER', 42, 42, '42'],
    ['a bigint past 2^53', 'BIGINT', 2n ** 62n + 3n, 2n ** 62n + 3n, '4611686018427387907'],
    ['a Date', 'DATETIME', when, new Date(when.getTime()), '2024-01-02T03:04:05.678Z'],
  ])(
    '%s (%s column): run, then load; history and readTransitions by that id',
    async (_, columnType, id, sameId, stored) => {
      const file = tempDatabasePath();
      execOn(
        file,
        `CREATE TABLE Ticket (ticketId ${columnType} PRIMARY KEY, status TEXT NOT NULL)`,
      );
      const adapter = openAdapter(file, { transitionLog: true });
      await TicketMachine.run({ adapter }, (wf) =>
        wf.transitionTo('Open', { Ticket: { ticketId: id } }),
      );
      await TicketMachine.load({ adapter, id: sameId }, async (wf) => {
        if (wf.is('Open')) await wf.transitionTo('Closed');
      });
      // Another ticket, whose steps must not be mixed in.
      await adapter.recordTransition!(record('other'));

      const history = await TicketMachine.history({ adapter, id: sameId });
      expect(history.map((e) => [e.seq, e.from, e.to])).toEqual([
        [1, null, 'Open'],
        [2, 'Open', 'Closed'],
      ]);
      const entries = await adapter.readTransitions!('Ticket', id);
      expect(entries.map((e) => e.seq)).toEqual([1, 2]);
      for (const entry of entries) expect(entry.entityId).toBe(id);
      const rows = dumpTables(file)['smf_transitions'] as { entity_id: unknown }[];
      expect(rows.map((row) => row.entity_id)).toEqual([stored, stored, 'other']);
      expect((await adapter.readTransitionLog()).map((e) => e.entityId)).toEqual([
        stored,
        stored,
        'other',
      ]);
    },
  );

  it.each([
    ['text', 'T-1', 'T-1'],
    ['an integer', 42, '42'],
    // String(number): the shortest text that reads back as the same number.
    ['a number past 2^53', 2 ** 60, '1152921504606847000'],
    ['a fraction', 1.5, '1.5'],
    ['a bigint', 5n, '5'],
    ['a bigint past 64 bits', 2n ** 70n, '1180591620717411303424'],
    ['a negative 64-bit bigint', -(2n ** 63n), '-9223372036854775808'],
    ['a Date', when, '2024-01-02T03:04:05.678Z'],
  ])('stores %s as text and reads its entries back by it', async (_, id, stored) => {
    const file = tempDatabasePath();
    const adapter = openAdapter(file, { transitionLog: true });
    expect(await adapter.recordTransition!(record(id))).toBe(1);
    expect(await adapter.recordTransition!(record('other'))).toBe(1);
    expect(await adapter.recordTransition!(record(id))).toBe(2);
    const entries = await adapter.readTransitions!('Ticket', id);
    expect(entries.map((e) => [e.seq, e.entityId])).toEqual([
      [1, id],
      [2, id],
    ]);
    const rows = dumpTables(file)['smf_transitions'] as { entity_id: unknown }[];
    expect(rows.map((row) => row.entity_id)).toEqual([stored, 'other', stored]);
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
