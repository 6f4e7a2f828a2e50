import { describe, expect, it } from 'vitest';
import { MemoryAdapter, MemoryAdapterError } from 'state-machine-framework/adapters/memory';
import type { ORMAdapter } from 'state-machine-framework';

const onCommit = (tx: ORMAdapter, callback: () => unknown) => {
  if (!tx.onCommit) throw new Error('the handle offers no onCommit');
  tx.onCommit(callback);
};

describe('MemoryAdapter transaction handles: onCommit', () => {
  it('runs callbacks of the transaction and its released savepoints after the commit, in order, before transaction() resolves', async () => {
    const adapter = new MemoryAdapter();
    const calls: string[] = [];
    const result = await adapter.transaction(async (tx) => {
      onCommit(tx, () => calls.push('outer'));
      await tx.transaction(async (sp) => {
        onCommit(sp, () => calls.push('savepoint'));
        await sp.transaction(async (inner) => {
          onCommit(inner, () => calls.push('inner savepoint'));
        });
      });
      tx.sync?.savepointSync((sp) => onCommit(sp, () => calls.push('sync savepoint')));
      calls.push('callback done');
      return 'result';
    });
    expect(result).toBe('result');
    expect(calls).toEqual([
      'callback done',
      'outer',
      'savepoint',
      'inner savepoint',
      'sync savepoint',
    ]);
  });

  it('drops the callbacks of a rolled-back savepoint, on both savepoint paths', async () => {
    const adapter = new MemoryAdapter();
    const calls: string[] = [];
    await adapter.transaction(async (tx) => {
      await tx
        .transaction(async (sp) => {
          await sp.transaction(async (inner) => onCommit(inner, () => calls.push('inner')));
          onCommit(sp, () => calls.push('rolled back'));
          throw new Error('savepoint fails');
        })
        .catch(() => undefined);
      expect(() =>
        tx.sync?.savepointSync((sp) => {
          onCommit(sp, () => calls.push('sync rolled back'));
          throw new Error('sync savepoint fails');
        }),
      ).toThrow('sync savepoint fails');
      await tx.sync
        ?.savepointSync(async (sp) => {
          onCommit(sp, () => calls.push('async rolled back'));
          throw new Error('async savepoint fails');
        })
        .catch(() => undefined);
      onCommit(tx, () => calls.push('kept'));
    });
    expect(calls).toEqual(['kept']);
  });

  it('never runs a callback after the outer transaction rolls back', async () => {
    const adapter = new MemoryAdapter();
    const calls: string[] = [];
    await expect(
      adapter.transaction(async (tx) => {
        onCommit(tx, () => calls.push('outer'));
        await tx.transaction(async (sp) => onCommit(sp, () => calls.push('savepoint')));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(calls).toEqual([]);
  });

  it('a callback may start a new transaction on the same adapter', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, n: 0 }] });
    let inner: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      await tx.update('Item', { id: 1 }, { n: 1 });
      onCommit(tx, async () => {
        inner = adapter.transaction(async (next) => next.update('Item', { id: 1 }, { n: 2 }));
        await inner;
      });
    });
    expect(inner).toBeDefined();
    expect((await adapter.get('Item', { id: 1 })).n).toBe(2);
  });

  it('a throwing callback is reported and does not stop the others', async () => {
    const adapter = new MemoryAdapter();
    const calls: string[] = [];
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => reported.push(error);
    try {
      await adapter.transaction(async (tx) => {
        onCommit(tx, () => {
          throw new Error('mail server down');
        });
        onCommit(tx, () => calls.push('second'));
      });
    } finally {
      console.error = original;
    }
    expect(calls).toEqual(['second']);
    expect(reported).toEqual([new Error('mail server down')]);
  });

  it('an ended handle refuses onCommit', async () => {
    const adapter = new MemoryAdapter();
    const leaked = await adapter.transaction(async (tx) => tx);
    expect(() => leaked.onCommit?.(() => undefined)).toThrow(MemoryAdapterError);
  });
});
