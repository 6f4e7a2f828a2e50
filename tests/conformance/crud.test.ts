// The adapter's own operations, the same on every database: create returns the row as stored, get
// finds exactly one row, filters are field equality (null means IS NULL), update and delete say how
// many rows they changed — what compare-and-set rests on.
import { expect, it } from 'vitest';
import { ObjectNotFound, StateMachineError, type ORMAdapter } from 'state-machine-framework';
import { failureOf } from '../runtime/contract/support/contract-databases.js';
import { describeEachDatabase } from './registry.js';

const item = (itemId: string, kind = 'tool', label: string | null = null, qty = 1) => ({
  itemId,
  kind,
  label,
  qty,
});

async function seedItems(adapter: ORMAdapter): Promise<void> {
  await adapter.create('Item', item('A', 'tool', 'hammer', 1));
  await adapter.create('Item', item('B', 'tool', null, 2));
  await adapter.create('Item', item('C', 'part', null, 2));
}

const ids = (rows: readonly Record<string, unknown>[]) =>
  rows.map((row) => row['itemId']).toSorted();

describeEachDatabase('CRUD and filters on %s', (_name, open) => {
  it('create returns the row as stored, and another connection reads it back', async () => {
    const db = await open();
    const created = await db.adapter.create('Item', item('A', 'tool', 'hammer', 3));
    expect(created).toEqual(item('A', 'tool', 'hammer', 3));
    expect(await db.rows('Item')).toEqual([created]);
  });

  it('get returns exactly the one row the filters match, a copy the caller may change', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const row = await db.adapter.get('Item', { itemId: 'B' });
    expect(row).toEqual(item('B', 'tool', null, 2));
    row['qty'] = 99;
    expect(await db.adapter.get('Item', { kind: 'tool', label: null })).toEqual(
      item('B', 'tool', null, 2),
    );
  });

  it('filter returns every match: one field, several fields, no field, none', async () => {
    const db = await open();
    await seedItems(db.adapter);
    expect(ids(await db.adapter.filter('Item', { kind: 'tool' }))).toEqual(['A', 'B']);
    expect(ids(await db.adapter.filter('Item', { kind: 'tool', qty: 2 }))).toEqual(['B']);
    expect(ids(await db.adapter.filter('Item', {}))).toEqual(['A', 'B', 'C']);
    expect(await db.adapter.filter('Item', { kind: 'nothing' })).toEqual([]);
    expect(await db.adapter.filter('Item', { kind: 'Tool' })).toEqual([]);
  });

  it('a null filter matches NULL (IS NULL), and only NULL', async () => {
    const db = await open();
    await seedItems(db.adapter);
    expect(ids(await db.adapter.filter('Item', { label: null }))).toEqual(['B', 'C']);
    expect(ids(await db.adapter.filter('Item', { label: null, kind: 'part' }))).toEqual(['C']);
    expect(await db.adapter.update('Item', { label: null }, { qty: 5 })).toBe(2);
    expect(await db.adapter.delete('Item', { label: null, qty: 5 })).toBe(2);
    expect(await db.rows('Item')).toEqual([item('A', 'tool', 'hammer', 1)]);
  });

  it('get of a missing row is ObjectNotFound naming the model and the filters', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const error = await failureOf(() => db.adapter.get('Item', { itemId: 'nope' }));
    expect(error).toBeInstanceOf(ObjectNotFound);
    expect(error).toMatchObject({ model: 'Item', filters: { itemId: 'nope' } });
  });

  it('get that matches more than one row fails (a StateMachineError, not ObjectNotFound)', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const error = await failureOf(() => db.adapter.get('Item', { kind: 'tool' }));
    expect(error).toBeInstanceOf(StateMachineError);
    expect(error).not.toBeInstanceOf(ObjectNotFound);
  });

  it('update returns how many rows it changed; on a value the row no longer holds, 0', async () => {
    const db = await open();
    await seedItems(db.adapter);
    expect(await db.adapter.update('Item', { itemId: 'A', qty: 1 }, { qty: 2 })).toBe(1);
    // Compare-and-set on the value read before: the row moved on, nothing changes.
    expect(await db.adapter.update('Item', { itemId: 'A', qty: 1 }, { qty: 3 })).toBe(0);
    expect(await db.adapter.update('Item', { kind: 'tool' }, { label: 'shared' })).toBe(2);
    expect(await db.adapter.update('Item', { itemId: 'C' }, { label: null, qty: 0 })).toBe(1);
    expect(await db.adapter.update('Item', { itemId: 'nope' }, { qty: 1 })).toBe(0);
    expect(await db.rows('Item')).toEqual([
      item('A', 'tool', 'shared', 2),
      item('B', 'tool', 'shared', 2),
      item('C', 'part', null, 0),
    ]);
  });

  it('update with no changes writes nothing and still says how many rows matched', async () => {
    const db = await open();
    await seedItems(db.adapter);
    expect(await db.adapter.update('Item', { kind: 'tool' }, {})).toBe(2);
    expect(await db.adapter.update('Item', { itemId: 'nope' }, {})).toBe(0);
    expect(await db.rows('Item')).toHaveLength(3);
  });

  it('delete returns how many rows it removed', async () => {
    const db = await open();
    await seedItems(db.adapter);
    expect(await db.adapter.delete('Item', { kind: 'tool', qty: 2 })).toBe(1);
    expect(await db.adapter.delete('Item', { kind: 'tool', qty: 2 })).toBe(0);
    expect(await db.adapter.delete('Item', {})).toBe(2);
    expect(await db.rows('Item')).toEqual([]);
  });

  it('an undefined filter is refused, never read as "match everything", and nothing changes', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const calls = [
      () => db.adapter.get('Item', { itemId: undefined }),
      () => db.adapter.filter('Item', { itemId: undefined }),
      () => db.adapter.update('Item', { itemId: undefined }, { qty: 9 }),
      () => db.adapter.delete('Item', { itemId: undefined }),
    ];
    for (const call of calls) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(StateMachineError);
      expect((error as Error).message).toContain('itemId');
    }
    expect(await db.rows('Item')).toHaveLength(3);
  });

  it('the same operations on a transaction handle see the transaction’s own writes', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const seen = await db.adapter.transaction(async (tx) => {
      await tx.create('Item', item('D', 'part'));
      await tx.update('Item', { itemId: 'A' }, { kind: 'part' });
      await tx.delete('Item', { itemId: 'C' });
      return {
        parts: ids(await tx.filter('Item', { kind: 'part' })),
        a: await tx.get('Item', { itemId: 'A' }),
      };
    });
    expect(seen).toEqual({ parts: ['A', 'D'], a: item('A', 'part', 'hammer', 1) });
    expect(ids(await db.rows('Item'))).toEqual(['A', 'B', 'D']);
  });

  it("reads with lock: 'wait' or 'nowait' return what plain reads return (a lock changes no result)", async () => {
    const db = await open();
    await seedItems(db.adapter);
    const seen = await db.adapter.transaction(async (tx) => ({
      waited: await tx.get('Item', { itemId: 'A' }, { lock: 'wait' }),
      tools: ids(await tx.filter('Item', { kind: 'tool' }, { lock: 'nowait' })),
      none: await tx.filter('Item', { kind: 'nothing' }, { lock: 'wait' }),
    }));
    expect(seen).toEqual({ waited: item('A', 'tool', 'hammer', 1), tools: ['A', 'B'], none: [] });
  });
});
