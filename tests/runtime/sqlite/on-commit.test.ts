import { describe, expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

/** onCommit work runs after the outermost COMMIT, never after a rollback. */

const onCommit = (tx: ORMAdapter, callback: () => unknown) => {
  if (!tx.onCommit) throw new Error('SqliteAdapter transaction handles offer onCommit');
  tx.onCommit(callback);
};

const fail = () => {
  throw new Error('rolled back on purpose');
};

describe('onCommit on SQLite transaction handles', () => {
  it('runs released savepoints’ callbacks with the outer ones, drops a rolled-back savepoint’s, before transaction() resolves', async () => {
    const { adapter } = orderDatabase();
    const ran: string[] = [];
    const result = await adapter.transaction(async (tx) => {
      onCommit(tx, () => ran.push('outer 1'));
      await tx.transaction(async (sp) => {
        onCommit(sp, () => ran.push('savepoint'));
        await sp.transaction(async (inner) => {
          onCommit(inner, () => ran.push('inner savepoint'));
        });
      });
      await tx
        .transaction(async (sp) => {
          onCommit(sp, () => ran.push('rolled-back savepoint'));
          await sp.transaction(async (inner) => {
            onCommit(inner, () => ran.push('released into the rolled-back one'));
          });
          fail();
        })
        .catch(() => undefined);
      onCommit(tx, () => ran.push('outer 2'));
      expect(ran).toEqual([]);
      return 'result';
    });
    expect(result).toBe('result');
    expect(ran).toEqual(['outer 1', 'savepoint', 'inner savepoint', 'outer 2']);
  });

  it('runs nothing when the outermost transaction rolls back, even what savepoints released', async () => {
    const { file, adapter } = orderDatabase();
    const ran: string[] = [];
    await expect(
      adapter.transaction(async (tx) => {
        onCommit(tx, () => ran.push('outer'));
        await tx.transaction(async (sp) => {
          await sp.create('Order', { orderId: 'O1', status: 'pending', amount: 1 });
          onCommit(sp, () => ran.push('savepoint'));
        });
        fail();
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(ran).toEqual([]);
    expect(dumpTables(file)['orders']).toEqual([]);
    // The next transaction does not inherit them either.
    await adapter.transaction(async () => undefined);
    expect(ran).toEqual([]);
  });

  it('a callback sees the commit and may open a new transaction on the same adapter', async () => {
    const { file, adapter } = orderDatabase();
    const ran: string[] = [];
    await adapter.transaction(async (tx) => {
      await tx.create('Order', { orderId: 'O1', status: 'pending', amount: 1 });
      onCommit(tx, async () => {
        // Committed: another connection sees the row.
        ran.push(`committed rows: ${dumpTables(file)['orders']?.length}`);
        await adapter.transaction(async (next) => {
          await next.update('Order', { orderId: 'O1' }, { status: 'processing' });
          onCommit(next, () => ran.push('nested commit'));
        });
        ran.push('second transaction done');
      });
    });
    expect(ran).toEqual(['committed rows: 1', 'nested commit', 'second transaction done']);
    expect(dumpTables(file)['orders']).toMatchObject([{ status: 'processing' }]);
  });

  it('a callback that throws is reported and does not stop the others or fail the commit', async () => {
    const { adapter } = orderDatabase();
    const ran: string[] = [];
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => reported.push(error);
    try {
      await adapter.transaction(async (tx) => {
        onCommit(tx, fail);
        onCommit(tx, () => ran.push('second'));
      });
    } finally {
      console.error = original;
    }
    expect(ran).toEqual(['second']);
    expect(reported).toHaveLength(1);
  });

  it('is refused on a handle whose transaction ended, and on a handle with a savepoint open', async () => {
    const { adapter } = orderDatabase();
    let ended: ORMAdapter | undefined;
    await adapter.transaction(async (tx) => {
      ended = tx;
      await tx.transaction(async () => {
        expect(() => onCommit(tx, () => undefined)).toThrow(SqliteAdapterError);
      });
    });
    expect(() => onCommit(ended as ORMAdapter, () => undefined)).toThrow(
      /used after its transaction ended/,
    );
  });
});
