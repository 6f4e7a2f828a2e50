import { describe, expect, it } from 'vitest';
import { MemoryAdapter, MemoryAdapterError } from 'state-machine-framework/adapters/memory';

describe('MemoryAdapter: a savepoint still pending when its transaction ends', () => {
  it('failing later never undoes a later transaction’s writes', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, v: 'seed' }] });
    let failLate!: (error: Error) => void;
    let late: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      late = tx.transaction(async (sp) => {
        await sp.update('Item', { id: 1 }, { v: 'savepoint' });
        await new Promise((_, reject) => (failLate = reject));
      });
      await Promise.resolve();
    });
    // A later transaction writes; then the forgotten savepoint fails.
    await adapter.transaction(async (tx) => {
      await tx.create('Item', { id: 2 });
      await tx.update('Item', { id: 1 }, { v: 'later' });
      failLate(new Error('late failure'));
      await expect(late).rejects.toThrow('late failure');
    });
    expect(adapter.snapshot().Item).toEqual([{ id: 1, v: 'later' }, { id: 2 }]);
  });

  it('its handle refuses work once the transaction ended, on both paths', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }] });
    let resume!: () => void;
    let late: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      late = tx.transaction(async (sp) => {
        await new Promise<void>((resolve) => (resume = resolve));
        expect(() => sp.sync?.update('Item', { id: 1 }, { v: 'late' })).toThrow(
          'transaction already ended',
        );
        await sp.update('Item', { id: 1 }, { v: 'late' });
      });
    });
    resume();
    await expect(late).rejects.toBeInstanceOf(MemoryAdapterError);
    expect(adapter.snapshot().Item).toEqual([{ id: 1 }]);
  });

  it('succeeding later is reported, not silently committed on its own', async () => {
    const adapter = new MemoryAdapter();
    let resume!: () => void;
    let late: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      late = tx.transaction(() => new Promise<void>((resolve) => (resume = resolve)));
    });
    resume();
    await expect(late).rejects.toThrow(/ended after the transaction it belongs to/);
  });
});
