// Transactions: commit and rollback, savepoints that roll back alone, onCommit after the outermost
// COMMIT only, handles (and their db) refused after their transaction, the adapter refused from
// inside its own transaction, and transactions on one SQLite connection taking turns.
import { eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { AdapterReentryError } from 'state-machine-framework';
import { DrizzleAdapterError, DrizzleTransaction } from 'state-machine-framework/adapters/drizzle';
import { describeEachDriver } from './support/drizzle-fixtures.js';

/** A Drizzle transaction callback that inserts an order, then throws. */
const insertThenFail = (orders: unknown, dialect: 'postgres' | 'sqlite') => (inner: any) => {
  const inserted = inner.insert(orders).values({ orderId: 'B', status: 'inner' });
  // better-sqlite3's Drizzle transactions are synchronous; Postgres ones take a promise.
  if (dialect === 'sqlite') {
    inserted.run();
    throw new Error('undo inner');
  }
  return inserted.then(() => {
    throw new Error('undo inner');
  });
};

const statuses = (rows: Record<string, unknown>[]) => rows.map((row) => row['status']);

describeEachDriver('DrizzleAdapter transactions on %s', (open) => {
  it('commits when the callback resolves and rolls everything back when it throws', async () => {
    const database = await open();
    const adapter = database.adapter();
    const result = await adapter.transaction(async (tx) => {
      expect(tx).toBeInstanceOf(DrizzleTransaction);
      await tx.create('Order', { orderId: 'A', status: 'new' });
      return tx.get('Order', { orderId: 'A' });
    });
    expect(result).toMatchObject({ status: 'new' });

    const failure = new Error('no');
    await expect(
      adapter.transaction(async (tx) => {
        await tx.update('Order', { orderId: 'A' }, { status: 'gone' });
        await tx.create('Order', { orderId: 'B', status: 'new' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(statuses(await database.committed('orders'))).toEqual(['new']);
  });

  it('a nested transaction is a savepoint: rolled back alone, or kept with the outer one', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.transaction(async (tx) => {
      await tx.create('Order', { orderId: 'A', status: 'outer' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.update('Order', { orderId: 'A' }, { status: 'inner' });
          await inner.transaction(async (deeper) => {
            await deeper.create('Order', { orderId: 'B', status: 'deeper' });
          });
          expect(await inner.filter('Order', {})).toHaveLength(2);
          throw new Error('undo the savepoint');
        }),
      ).rejects.toThrow('undo the savepoint');
      expect(statuses(await tx.filter('Order', {}))).toEqual(['outer']);
      await tx.transaction(async (inner) => {
        await inner.create('Order', { orderId: 'C', status: 'kept' });
      });
    });
    expect(statuses(await database.committed('orders'))).toEqual(['outer', 'kept']);
  });

  it('a failed statement in a savepoint leaves the transaction usable once rolled back', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.transaction(async (tx) => {
      await tx.create('Order', { orderId: 'A', status: 'new' });
      await expect(
        tx.transaction((inner) => inner.create('Order', { orderId: 'A', status: 'again' })),
      ).rejects.toThrow(/already exists/);
      await tx.create('Order', { orderId: 'B', status: 'new' });
    });
    expect(await database.committed('orders')).toHaveLength(2);
  });

  it('meta-level db: the handle’s Drizzle transaction writes with it and rolls back with it', async () => {
    const database = await open();
    const adapter = database.adapter();
    const orders = database.tables.Order as any;
    await expect(
      adapter.transaction(async (tx) => {
        const db = tx.db as any;
        await db.insert(orders).values({ orderId: 'A', status: 'drizzle' });
        expect(await tx.get('Order', { orderId: 'A' })).toMatchObject({ status: 'drizzle' });
        await tx.transaction(async (inner) => {
          await (inner.db as any)
            .update(orders)
            .set({ status: 'inner' })
            .where(eq(orders.orderId, 'A'));
        });
        expect(await db.select().from(orders)).toEqual([
          expect.objectContaining({ status: 'inner' }),
        ]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await database.committed('orders')).toEqual([]);
  });

  it("the handle's own Drizzle tx.transaction() is a savepoint too: its failure undoes only its writes", async () => {
    const database = await open();
    const adapter = database.adapter();
    const orders = database.tables.Order as any;
    await adapter.transaction(async (tx) => {
      await tx.create('Order', { orderId: 'A', status: 'outer' });
      const db = tx.db as any;
      await expect(
        (async () => db.transaction(insertThenFail(orders, database.dialect)))(),
      ).rejects.toThrow('undo inner');
      expect(statuses(await tx.filter('Order', {}))).toEqual(['outer']);
    });
    expect(statuses(await database.committed('orders'))).toEqual(['outer']);
  });

  it('onCommit callbacks run after the outermost commit, in order, and never after a rollback', async () => {
    const database = await open();
    const adapter = database.adapter();
    const calls: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await adapter.transaction(async (tx) => {
      tx.onCommit(async (committed) => {
        calls.push(`first sees ${(await committed.filter('Order', {})).length}`);
      });
      await tx.transaction(async (inner) => {
        inner.onCommit(() => {
          calls.push('kept savepoint');
          throw new Error('reported, not rethrown');
        });
      });
      await tx
        .transaction(async (inner) => {
          inner.onCommit(() => calls.push('rolled-back savepoint'));
          throw new Error('undo');
        })
        .catch(() => undefined);
      await tx.create('Order', { orderId: 'A', status: 'new' });
      tx.onCommit((committed) => {
        expect(committed).toBe(adapter);
        calls.push('last');
      });
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(['first sees 1', 'kept savepoint', 'last']);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();

    await adapter
      .transaction(async (tx) => {
        tx.onCommit(() => calls.push('never'));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(calls).not.toContain('never');
  });

  it('a handle and its db refuse work once their transaction has ended', async () => {
    const database = await open();
    const adapter = database.adapter();
    let outer: DrizzleTransaction<any> | undefined;
    let inner: DrizzleTransaction<any> | undefined;
    await adapter.transaction(async (tx) => {
      outer = tx;
      await tx.transaction(async (nested) => {
        inner = nested;
      });
      await expect(inner!.get('Order', { orderId: 'A' })).rejects.toThrow(
        /used after its transaction ended/,
      );
    });
    await expect(outer!.create('Order', { orderId: 'A', status: 'x' })).rejects.toBeInstanceOf(
      DrizzleAdapterError,
    );
    expect(() => (outer!.db as any).select()).toThrow(/this transaction handle \(or its db\)/);
    expect(() => outer!.onCommit(() => undefined)).toThrow(/used after its transaction ended/);
    await expect(outer!.transaction(async () => undefined)).rejects.toThrow(/ended/);
    expect(() => adapter.txOf(outer!)).toThrow(/txOf\(\) takes a live transaction handle/);
    expect(await database.committed('orders')).toEqual([]);
  });

  it('the adapter called on itself from inside its own transaction fails at once', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.transaction(async (tx) => {
      // The callback's synchronous part (and each handler call) is where the runtime knows it.
      const get = adapter.get('Order', { orderId: 'A' });
      const nested = adapter.transaction(async () => undefined);
      await expect(get).rejects.toBeInstanceOf(AdapterReentryError);
      await expect(nested).rejects.toThrow(
        /transaction\(\) was called on the adapter itself from inside one of its own transactions/,
      );
      expect(adapter.txOf(tx)).toBe(tx.db);
    });
  });

  it('transactions started together each commit, one after the other where the connection is one', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.create('Counter', { counterId: 'K', phase: 'counting', count: 0 });
    const increment = () =>
      adapter.transaction(async (tx) => {
        const row = await tx.get('Counter', { counterId: 'K' }, { lock: 'wait' });
        await tx.update('Counter', { counterId: 'K' }, { count: Number(row['count']) + 1 });
      });
    await Promise.all(Array.from({ length: 8 }, increment));
    expect(await adapter.get('Counter', { counterId: 'K' })).toMatchObject({ count: 8 });
  });

  it('on a single connection transactions take turns instead of interleaving', async () => {
    const database = await open();
    const adapter = await database.singleConnectionAdapter({ transitionLog: true });
    await adapter.create('Counter', { counterId: 'K', phase: 'counting', count: 0 });
    const increment = (index: number) =>
      adapter.transaction(async (tx) => {
        const row = await tx.get('Counter', { counterId: 'K' });
        await tx.recordTransition!({
          machine: 'Counting',
          entityId: 'K',
          from: null,
          to: `step ${index}`,
          at: new Date(),
          results: {},
          metadata: {},
        });
        await tx.update('Counter', { counterId: 'K' }, { count: Number(row['count']) + 1 });
        if (index % 3 === 0) throw new Error(`roll back ${index}`);
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => increment(i)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(3);
    expect(await adapter.get('Counter', { counterId: 'K' })).toMatchObject({ count: 6 });
    const log = await adapter.readTransitions!('Counting', 'K');
    expect(log.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
