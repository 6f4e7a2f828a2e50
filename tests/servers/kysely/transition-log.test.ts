// The KyselyAdapter's transition log on each dialect: created when missing, one row per step
// numbered 1, 2, 3 … per entity, read back in order with what the runtime logged.
import { expect, it } from 'vitest';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { describeEachDialect, openDatabase } from './support/kysely-databases.js';

const step = (to: string, extra: Record<string, unknown> = {}) => ({
  machine: 'Order',
  entityId: 'O1',
  from: null,
  to,
  at: new Date('2024-01-02T03:04:05.678Z'),
  results: {},
  metadata: {},
  ...extra,
});

describeEachDialect('KyselyAdapter transition log on %s', (dialect) => {
  it('creates the table when missing and numbers each entity’s steps from 1', async () => {
    const database = await openDatabase(dialect, {});
    const adapter = new KyselyAdapter(database.db, { transitionLog: { table: 'order_log' } });
    expect(await adapter.recordTransition!(step('Pending'))).toBe(1);
    expect(
      await adapter.transaction(async (tx) => {
        await tx.recordTransition!(
          step('Paid', { from: 'Pending', results: { charge: { id: 7 } } }),
        );
        return tx.recordTransition!(step('Shipped', { from: 'Paid', metadata: { by: 'ops' } }));
      }),
    ).toBe(3);
    expect(await adapter.recordTransition!(step('Pending', { entityId: 'O2' }))).toBe(1);
    expect(await adapter.recordTransition!(step('Pending', { machine: 'Other' }))).toBe(1);

    const log = await adapter.readTransitions!('Order', 'O1');
    expect(log).toEqual([
      { ...step('Pending'), seq: 1 },
      { ...step('Paid', { from: 'Pending', results: { charge: { id: 7 } } }), seq: 2 },
      { ...step('Shipped', { from: 'Paid', metadata: { by: 'ops' } }), seq: 3 },
    ]);
    // A second adapter (another process) finds the table and goes on numbering.
    const later = new KyselyAdapter(database.other(), { transitionLog: { table: 'order_log' } });
    expect(await later.recordTransition!(step('Done', { from: 'Shipped' }))).toBe(4);
  });

  it('a rolled-back step is not logged, and its number is given again', async () => {
    const database = await openDatabase(dialect, {});
    const adapter = new KyselyAdapter(database.db, { transitionLog: true });
    await adapter
      .transaction(async (tx) => {
        await tx.recordTransition!(step('Pending'));
        throw new Error('undo');
      })
      .catch(() => undefined);
    await adapter.transaction(async (tx) => {
      await tx
        .transaction(async (inner) => {
          await inner.recordTransition!(step('Pending'));
          throw new Error('undo the savepoint');
        })
        .catch(() => undefined);
      expect(await tx.recordTransition!(step('Pending'))).toBe(1);
    });
    expect((await adapter.readTransitions!('Order', 'O1')).map((e) => e.seq)).toEqual([1]);
  });

  it('identifiers are logged as text: numbers, bigints and Dates find their entries', async () => {
    const database = await openDatabase(dialect, {});
    const adapter = new KyselyAdapter(database.db, { transitionLog: true });
    const at = new Date('2024-05-06T00:00:00.000Z');
    for (const id of [42, 2n ** 63n - 1n, at]) {
      await adapter.recordTransition!(step('Pending', { entityId: id }));
      const [entry] = await adapter.readTransitions!('Order', id);
      expect(entry).toMatchObject({ entityId: id, seq: 1, to: 'Pending' });
    }
    expect(await adapter.readTransitions!('Order', '42')).toHaveLength(1);
  });

  it('without transitionLog the adapter has no log methods', async () => {
    const database = await openDatabase(dialect, {});
    const adapter = new KyselyAdapter(database.db);
    expect(adapter.recordTransition).toBeUndefined();
    expect(adapter.readTransitions).toBeUndefined();
    await adapter.transaction(async (tx) => {
      expect(tx.recordTransition).toBeUndefined();
    });
  });
});
