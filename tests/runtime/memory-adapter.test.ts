import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework/adapters/memory';
import { ObjectNotFound } from '../../runtime/errors.js';

const seed = () =>
  new MemoryAdapter({
    Item: [
      { id: 1, name: 'a', tags: ['x'] },
      { id: 2, name: 'b', tags: [] },
    ],
  });

describe('MemoryAdapter', () => {
  it('does create/get/filter/update/delete with equality filters and copies rows in and out', async () => {
    const adapter = seed();
    const created = await adapter.create('Item', { id: 3, name: 'c' });
    created.name = 'mutated by caller';
    expect(await adapter.get('Item', { id: 3 })).toEqual({ id: 3, name: 'c' });
    expect(await adapter.filter('Item', { name: 'b' })).toEqual([{ id: 2, name: 'b', tags: [] }]);
    expect(await adapter.update('Item', { id: 2 }, { name: 'B' })).toBe(1);
    expect(await adapter.update('Item', { id: 99 }, { name: 'none' })).toBe(0);
    expect(await adapter.delete('Item', { id: 1 })).toBe(1);
    await expect(adapter.get('Item', { id: 1 })).rejects.toBeInstanceOf(ObjectNotFound);
    expect(adapter.snapshot().Item?.map((r) => r.name)).toEqual(['B', 'c']);
  });

  it('restores exactly the prior data on rollback', async () => {
    const adapter = seed();
    const before = adapter.snapshot();
    await adapter
      .transaction(async (tx) => {
        await tx.create('Item', { id: 3, name: 'c' });
        await tx.update('Item', { id: 1 }, { name: 'A', extra: true });
        await tx.delete('Item', { id: 2 });
        await tx.create('Other', { id: 1 });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const after = adapter.snapshot();
    expect(after.Item).toEqual(before.Item);
    expect(after.Other).toEqual([]);
  });

  it('rolls back a nested transaction alone', async () => {
    const adapter = seed();
    await adapter.transaction(async (tx) => {
      await tx.update('Item', { id: 1 }, { name: 'outer' });
      await tx
        .transaction(async (inner) => {
          await inner.update('Item', { id: 2 }, { name: 'inner' });
          await inner.create('Item', { id: 3, name: 'inner' });
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      await tx.transaction(async (inner) => inner.update('Item', { id: 2 }, { name: 'kept' }));
    });
    expect(adapter.snapshot().Item?.map((r) => r.name)).toEqual(['outer', 'kept']);
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const adapter = seed();
    const leaked = await adapter.transaction(async (tx) => tx);
    await expect(leaked.get('Item', { id: 1 })).rejects.toThrow('transaction already ended');
  });

  it('makes operations outside a transaction wait for the running one', async () => {
    const adapter = seed();
    const order: string[] = [];
    const running = adapter
      .transaction(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.update('Item', { id: 1 }, { name: 'tx' });
        order.push('tx done');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const outside = adapter
      .update('Item', { id: 1 }, { name: 'outside' })
      .then(() => order.push('outside'));
    await Promise.all([running, outside]);
    expect(order).toEqual(['tx done', 'outside']);
    expect((await adapter.get('Item', { id: 1 })).name).toBe('outside');
  });

  it('keeps a transition log only when asked to, numbering steps per entity', async () => {
    const record = {
      machine: 'M',
      entityId: 1,
      from: null,
      to: 'A',
      at: new Date(0),
      results: { onEnter: 'ok' },
      metadata: { by: 'test' },
    };
    const plain = new MemoryAdapter();
    expect(plain.recordTransition).toBeUndefined();
    expect(plain.readTransitions).toBeUndefined();
    const logging = new MemoryAdapter({}, { transitionLog: true });
    expect(await logging.transaction(async (tx) => tx.recordTransition?.(record))).toBe(1);
    let rolledBack: number | undefined;
    await logging
      .transaction(async (tx) => {
        rolledBack = await tx.recordTransition?.({ ...record, from: 'A', to: 'B' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(rolledBack).toBe(2);
    // The rolled-back step left nothing, so the next one takes its seq; another entity starts at 1.
    const second = { ...record, from: 'A', to: 'C', metadata: {} };
    expect(await logging.transaction(async (tx) => tx.recordTransition?.(second))).toBe(2);
    const other = { ...record, entityId: 2 };
    expect(await logging.transaction(async (tx) => tx.recordTransition?.(other))).toBe(1);
    expect(logging.transitionLog).toEqual([
      { ...record, seq: 1 },
      { ...second, seq: 2 },
      { ...other, seq: 1 },
    ]);
    expect(await logging.readTransitions?.('M', 1)).toEqual([
      { ...record, seq: 1 },
      { ...second, seq: 2 },
    ]);
    expect(await logging.readTransitions?.('M', 2)).toEqual([{ ...other, seq: 1 }]);
    expect(await logging.readTransitions?.('Other', 1)).toEqual([]);
  });
});
