// MemoryAdapter: nested transactions on one handle take turns. A savepoint is a mark in the
// store's one undo list, so one rolled back while another was open on the same handle took the
// other's writes with it. The synchronous savepoint path (`sync.savepointSync`, the runtime's
// transitions) takes turns too, returning a promise only when it must wait.
import { describe, expect, it } from 'vitest';
import { AdapterReentryError, type ORMAdapter } from 'state-machine-framework';
import { MemoryAdapter, MemoryAdapterError } from 'state-machine-framework/adapters/memory';

const boom = new Error('boom');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function syncOf(tx: ORMAdapter) {
  expect(tx.sync, 'MemoryAdapter handles offer synchronous operations').toBeDefined();
  return tx.sync!;
}

describe('MemoryAdapter: nested transactions on one handle take turns', () => {
  it('with nothing open, a synchronous savepoint stays synchronous and returns its plain value', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, v: 0 }] });
    await adapter.transaction(async (tx) => {
      const result = syncOf(tx).savepointSync((sp) =>
        syncOf(sp).update('Item', { id: 1 }, { v: 1 }),
      );
      expect(result).toBe(1);
      expect(() =>
        syncOf(tx).savepointSync((sp) => {
          syncOf(sp).update('Item', { id: 1 }, { v: 2 });
          throw boom;
        }),
      ).toThrow(boom);
    });
    expect(adapter.snapshot()['Item']).toEqual([{ id: 1, v: 1 }]);
  });

  it('a synchronous savepoint started while an async one is open waits for it, then each rolls back alone', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, v: 0 }] });
    const order: string[] = [];
    await adapter.transaction(async (tx) => {
      const open = tx.transaction(async (sp) => {
        await sp.create('Item', { id: 2 });
        await tick();
        order.push('async savepoint ends');
        throw boom;
      });
      const waited = syncOf(tx).savepointSync((sp) => {
        order.push('sync savepoint runs');
        return syncOf(sp).update('Item', { id: 1 }, { v: 7 });
      });
      expect(order).toEqual([]);
      expect(waited).toBeInstanceOf(Promise);
      await expect(open).rejects.toBe(boom);
      await expect(waited).resolves.toBe(1);
      // Free again: the synchronous path is synchronous once more.
      expect(syncOf(tx).savepointSync(() => 'now')).toBe('now');
    });
    expect(order).toEqual(['async savepoint ends', 'sync savepoint runs']);
    expect(adapter.snapshot()['Item']).toEqual([{ id: 1, v: 7 }]);
  });

  it('a failing savepoint queued behind another never undoes the first one’s writes', async () => {
    const adapter = new MemoryAdapter({ Item: [] });
    await adapter.transaction(async (tx) => {
      const kept = tx.transaction(async (sp) => {
        await sp.create('Item', { id: 'kept-1' });
        await tick();
        await sp.create('Item', { id: 'kept-2' });
      });
      const failing = syncOf(tx).savepointSync(async (sp) => {
        await sp.create('Item', { id: 'lost' });
        await tick();
        await tick();
        throw boom;
      });
      await kept;
      await expect(failing).rejects.toBe(boom);
    });
    expect(adapter.snapshot()['Item']).toEqual([{ id: 'kept-1' }, { id: 'kept-2' }]);
  });

  it('a handle’s synchronous operations are refused while a nested transaction is open on it; its async ones wait', async () => {
    const adapter = new MemoryAdapter({ Item: [] });
    await adapter.transaction(async (tx) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const open = tx.transaction(async (sp) => {
        await sp.create('Item', { id: 'inner' });
        await released;
        throw boom;
      });
      expect(() => syncOf(tx).create('Item', { id: 'sync' })).toThrow(MemoryAdapterError);
      const waiting = tx.create('Item', { id: 'outer' });
      release();
      await expect(open).rejects.toBe(boom);
      await waiting;
    });
    expect(adapter.snapshot()['Item']).toEqual([{ id: 'outer' }]);
  });

  it('the outer handle called from inside its nested transaction fails at once with AdapterReentryError', async () => {
    const adapter = new MemoryAdapter({ Item: [] });
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (sp) => {
        const create = tx.create('Item', { id: 'x' });
        const nested = tx.transaction(async () => 1);
        expect(() => syncOf(tx).savepointSync(() => 1)).toThrow(AdapterReentryError);
        expect(() => syncOf(tx).create('Item', { id: 'y' })).toThrow(MemoryAdapterError);
        await expect(create).rejects.toBeInstanceOf(AdapterReentryError);
        await expect(nested).rejects.toBeInstanceOf(AdapterReentryError);
        await sp.create('Item', { id: 'inner' });
      });
      // And from a savepoint queued behind another one, whose turn is held through the queue.
      const first = tx.transaction(async () => tick());
      const second = tx.transaction(async (sp) => {
        await sp.create('Item', { id: 'second' });
        await tick();
        await sp.transaction(() => tx.create('Item', { id: 'z' }));
      });
      await first;
      await expect(second).rejects.toBeInstanceOf(AdapterReentryError);
    });
    expect(adapter.snapshot()['Item']).toEqual([{ id: 'inner' }]);
  });

  it('a nested transaction waiting for one queued behind it fails with AdapterReentryError instead of hanging', async () => {
    const adapter = new MemoryAdapter({ Item: [] }, { lockTimeout: 20 });
    await adapter.transaction(async (tx) => {
      let queued: Promise<unknown> | undefined;
      const first = tx.transaction(async (sp) => {
        await sp.create('Item', { id: 'first' });
        await tick();
        // Queued behind this very transaction: it can only start once this one ends.
        await queued;
      });
      queued = tx.transaction((sp) => sp.create('Item', { id: 'second' }));
      await expect(queued).rejects.toBeInstanceOf(AdapterReentryError);
      await expect(first).rejects.toBeInstanceOf(AdapterReentryError);
      await tx.create('Item', { id: 'after' });
    });
    expect(adapter.snapshot()['Item']).toEqual([{ id: 'after' }]);
  });
});
