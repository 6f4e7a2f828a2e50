import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework/adapters/memory';
import { withCurrentTransaction } from '../../../runtime/adapters/current-transaction.js';
import { AdapterReentryError, UsageError } from '../../../runtime/errors.js';

describe('MemoryAdapter never waits without bound', () => {
  it('a transaction callback calling the adapter itself fails at once, and the transaction goes on', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }] }, { lockTimeout: Infinity });
    const seen = await adapter.transaction(async (tx) => {
      const errors = await Promise.all([
        adapter.get('Item', { id: 1 }).catch((e: unknown) => e),
        adapter.create('Item', { id: 2 }).catch((e: unknown) => e),
        adapter.transaction(async () => 1).catch((e: unknown) => e),
      ]);
      await tx.update('Item', { id: 1 }, { done: true });
      return errors;
    });
    for (const error of seen) {
      expect(error).toBeInstanceOf(AdapterReentryError);
      expect((error as Error).message).toContain('meta.adapter');
    }
    expect(adapter.snapshot().Item).toEqual([{ id: 1, done: true }]);
  });

  it('so does a call made while a savepoint callback or a handler runs (its handle is current)', async () => {
    const adapter = new MemoryAdapter({}, { lockTimeout: Infinity });
    await adapter.transaction(async (tx) => {
      await tx.transaction(async () => {
        await expect(adapter.filter('Item', {})).rejects.toBeInstanceOf(AdapterReentryError);
      });
      const inSync = tx.sync?.savepointSync(() => adapter.filter('Item', {}));
      await expect(inSync).rejects.toBeInstanceOf(AdapterReentryError);
      // The runtime makes the handle current around a handler call.
      const fromHandler = withCurrentTransaction(tx, () => adapter.delete('Item', {}));
      await expect(fromHandler).rejects.toBeInstanceOf(AdapterReentryError);
    });
  });

  it('after an await, the call fails once it has waited lockTimeout for that transaction', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }] }, { lockTimeout: 20 });
    const error = await adapter.transaction(async (tx) => {
      await Promise.resolve();
      const failure = await adapter.get('Item', { id: 1 }).catch((e: unknown) => e);
      await tx.update('Item', { id: 1 }, { after: true });
      return failure;
    });
    expect(error).toBeInstanceOf(AdapterReentryError);
    expect((error as Error).message).toMatch(/lockTimeout 20 ms.*runs too long.*after an await/);
    expect(adapter.snapshot().Item).toEqual([{ id: 1, after: true }]);
  });

  it('a transaction queued behind a stuck one fails after lockTimeout; the adapter then works', async () => {
    const adapter = new MemoryAdapter({}, { lockTimeout: 20 });
    let unstick!: () => void;
    const stuck = adapter.transaction(() => new Promise<void>((resolve) => (unstick = resolve)));
    await expect(adapter.transaction(async () => 1)).rejects.toBeInstanceOf(AdapterReentryError);
    await expect(adapter.create('Item', { id: 1 })).rejects.toBeInstanceOf(AdapterReentryError);
    unstick();
    await stuck;
    await adapter.create('Item', { id: 2 });
    expect(adapter.snapshot().Item).toEqual([{ id: 2 }]);
  });

  it('two independent concurrent transactions simply wait for each other, in order', async () => {
    const adapter = new MemoryAdapter({ Counter: [{ id: 1, value: 0 }] });
    const order: string[] = [];
    const increment = (name: string) =>
      adapter.transaction(async (tx) => {
        order.push(`${name} starts`);
        const { value } = await tx.get('Counter', { id: 1 });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.update('Counter', { id: 1 }, { value: (value as number) + 1 });
        order.push(`${name} ends`);
      });
    await Promise.all([increment('a'), increment('b'), increment('c')]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect((await adapter.get('Counter', { id: 1 })).value).toBe(3);
  });

  it('a handle of another MemoryAdapter being current is no reason to refuse', async () => {
    const first = new MemoryAdapter();
    const second = new MemoryAdapter({ Item: [{ id: 1 }] });
    const row = await first.transaction(async () => second.get('Item', { id: 1 }));
    expect(row).toEqual({ id: 1 });
  });

  it('refuses a lockTimeout that is not a positive number', () => {
    expect(() => new MemoryAdapter({}, { lockTimeout: 0 })).toThrow(UsageError);
    expect(() => new MemoryAdapter({}, { lockTimeout: Number.NaN })).toThrow(UsageError);
  });
});
