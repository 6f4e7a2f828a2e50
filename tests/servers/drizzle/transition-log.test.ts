// The transition log: created on first use (in the table named), steps numbered per entity in the
// transition's own transaction, results and metadata as JSON (what JSON cannot hold described),
// identifiers as loggedEntityId text; the Drizzle table objects read what the adapter wrote.
import { asc } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { TransitionRecord } from 'state-machine-framework';
import { transitionLogDdl } from 'state-machine-framework/adapters/drizzle';
import {
  pgTransitionLogTable,
  sqliteTransitionLogTable,
} from 'state-machine-framework/adapters/drizzle/transition-log-tables';
import { describeEachDriver } from './support/drizzle-fixtures.js';

const step = (entityId: unknown, to: string, extra: Partial<TransitionRecord> = {}) => ({
  machine: 'Orders',
  entityId,
  from: null,
  to,
  at: new Date('2026-05-06T07:08:09.010Z'),
  results: {},
  metadata: {},
  ...extra,
});

describeEachDriver('the DrizzleAdapter transition log on %s', (open) => {
  it('numbers steps per machine and entity, in the transaction, and reads them back by seq', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    expect(await adapter.recordTransition!(step('A', 'New'))).toBe(1);
    expect(await adapter.recordTransition!(step('B', 'New'))).toBe(1);
    expect(await adapter.recordTransition!(step('A', 'Paid', { from: 'New' }))).toBe(2);
    expect(await adapter.recordTransition!({ ...step('A', 'New'), machine: 'Other' })).toBe(1);
    const inside: unknown[] = [];
    await adapter
      .transaction(async (tx) => {
        inside.push(await tx.recordTransition!(step('A', 'Shipped', { from: 'Paid' })));
        inside.push((await tx.readTransitions!('Orders', 'A')).length);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(inside).toEqual([3, 3]);

    const entries = await adapter.readTransitions!('Orders', 'A');
    expect(entries).toEqual([
      { ...step('A', 'New'), seq: 1 },
      { ...step('A', 'Paid', { from: 'New' }), seq: 2 },
    ]);
    expect(await adapter.readTransitions!('Orders', 'nobody')).toEqual([]);
  });

  it('results and metadata are JSON; what JSON cannot hold is described, not a failure', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    await adapter.recordTransition!(
      step('A', 'New', {
        results: {
          total: 12.5,
          when: new Date('2026-01-01T00:00:00Z'),
          big: 10n,
          cycle,
          gone: undefined,
        },
        metadata: { by: 'Zoë 🦆', reason: { code: 7, tags: ['a', 'b'] } },
      }),
    );
    const [entry] = await adapter.readTransitions!('Orders', 'A');
    expect(entry?.results).toEqual({
      total: 12.5,
      when: '2026-01-01T00:00:00.000Z',
      big: expect.stringMatching(/^\[not JSON-serialisable: /),
      cycle: expect.stringMatching(/^\[not JSON-serialisable: /),
    });
    expect(entry?.metadata).toEqual({ by: 'Zoë 🦆', reason: { code: 7, tags: ['a', 'b'] } });
  });

  it('identifiers are logged as text: a number, a bigint and a Date find their own entries', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    const when = new Date('2026-02-03T04:05:06.007Z');
    await adapter.recordTransition!(step(42, 'New'));
    await adapter.recordTransition!(step(9007199254740993n, 'New'));
    await adapter.recordTransition!(step(when, 'New'));
    await adapter.recordTransition!(step('42', 'Paid', { from: 'New' }));
    const numbered = await adapter.readTransitions!('Orders', 42);
    expect(numbered.map((e) => [e.entityId, e.seq, e.to])).toEqual([
      [42, 1, 'New'],
      [42, 2, 'Paid'],
    ]);
    expect((await adapter.readTransitions!('Orders', 9007199254740993n))[0]?.seq).toBe(1);
    expect((await adapter.readTransitions!('Orders', new Date(when)))[0]?.seq).toBe(1);
  });

  it('a log table of another name is made on first use, with the DDL transitionLogDdl gives', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: { table: 'order_steps' } });
    await adapter.recordTransition!(step('A', 'New'));
    const rows = await database.committed('order_steps');
    expect(rows).toEqual([
      expect.objectContaining({ machine: 'Orders', entity_id: 'A', seq: 1, to_state: 'New' }),
    ]);
    expect(transitionLogDdl(database.dialect, 'order_steps')).toContain(
      'CREATE UNIQUE INDEX IF NOT EXISTS "order_steps_entity_seq"',
    );
    // A second adapter finds the table there.
    expect(
      await database.otherAdapter({ transitionLog: { table: 'order_steps' } }).readTransitions!(
        'Orders',
        'A',
      ),
    ).toHaveLength(1);
  });

  it('the Drizzle table objects for the log read what the adapter wrote', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    await adapter.recordTransition!(step('A', 'New', { metadata: { by: 'me' } }));
    await adapter.recordTransition!(step('A', 'Paid', { from: 'New' }));
    const db = database.db as any;
    const log =
      database.dialect === 'postgres' ? pgTransitionLogTable() : sqliteTransitionLogTable();
    const query = db.select().from(log).orderBy(asc(log.seq));
    // better-sqlite3's Drizzle queries run when awaited too.
    const rows = (await query) as any[];
    expect(rows.map((r) => [r.entityId, r.seq, r.fromState, r.toState])).toEqual([
      ['A', 1, null, 'New'],
      ['A', 2, 'New', 'Paid'],
    ]);
    // Postgres gives the timestamptz as a Date, SQLite the ISO text the adapter wrote.
    expect(new Date(rows[0].at)).toEqual(step('A', 'New').at);
    expect(rows[0].metadata).toEqual({ by: 'me' });
  });

  it('without transitionLog the adapter has no log methods', async () => {
    const database = await open();
    const adapter = database.adapter();
    expect(adapter.recordTransition).toBeUndefined();
    expect(adapter.readTransitions).toBeUndefined();
    await adapter.transaction(async (tx) => {
      expect(tx.recordTransition).toBeUndefined();
    });
  });
});
