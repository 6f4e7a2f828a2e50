import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AdapterReentryError } from 'state-machine-framework';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { withCurrentTransaction } from '../../../runtime/adapters/current-transaction.js';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables, onCleanup } from './support/temp-database.js';

/** The adapter called from inside its own transaction never waits forever. */

const order = { orderId: 'O1', status: 'pending', amount: 10 };

describe('calling the adapter itself from inside its own transaction', () => {
  it('fails at once while the transaction callback runs synchronously', async () => {
    const { file, adapter } = orderDatabase();
    const outcome = adapter.transaction(async (tx) => {
      // Before the callback's first await: the adapter knows this handle is current.
      const inner = adapter.get('Order', { orderId: 'O1' });
      const nested = adapter.transaction(async () => 1);
      await tx.create('Order', order);
      // Rejected already, not queued behind the transaction they are part of.
      await expect(inner).rejects.toBeInstanceOf(AdapterReentryError);
      await expect(inner).rejects.toThrow(/meta\.adapter/);
      await expect(nested).rejects.toBeInstanceOf(AdapterReentryError);
    });
    // The refusals were caught, so the transaction commits.
    await outcome;
    expect(dumpTables(file)['orders']).toHaveLength(1);
  });

  it('fails at once from a handler-like callback the runtime marks with the current handle', async () => {
    const { adapter } = orderDatabase();
    const error = await adapter
      .transaction(async (tx) => {
        await Promise.resolve(); // the synchronous part is over
        await tx.transaction(async (savepoint) => {
          await Promise.resolve();
          // What the runtime does around a handler call, with the handle it gave the handler.
          await withCurrentTransaction(savepoint, () => adapter.create('Order', order));
        });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterReentryError);
    expect((error as Error).message).toMatch(/from inside its own transaction.*meta\.adapter/s);
  });

  it('inside a savepoint callback, synchronously, too', async () => {
    const { adapter } = orderDatabase();
    await adapter.transaction(async (tx) => {
      await tx.transaction(async () => {
        const inner = adapter.filter('Order', {});
        await expect(inner).rejects.toBeInstanceOf(AdapterReentryError);
      });
    });
  });

  it('after an await it waits at most busyTimeout, then fails naming the meta.adapter mistake', async () => {
    const { file, adapter } = orderDatabase({ busyTimeout: 50 });
    const error = await adapter
      .transaction(async (tx) => {
        await tx.create('Order', order);
        await new Promise((resolve) => setTimeout(resolve, 1));
        await adapter.get('Order', { orderId: 'O1' }); // queued behind this very transaction
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterReentryError);
    expect((error as Error).message).toMatch(/waited \d+ ms \(busyTimeout\).*meta\.adapter/s);
    expect(dumpTables(file)['orders']).toEqual([]);
    // The adapter works on afterwards.
    await adapter.create('Order', order);
    expect(dumpTables(file)['orders']).toHaveLength(1);
  });

  it('a call queued behind a transaction that does end gets its turn', async () => {
    const { adapter } = orderDatabase({ busyTimeout: 50 });
    const steps: string[] = [];
    const first = adapter.transaction(async (tx) => {
      await tx.create('Order', order);
      steps.push('first');
    });
    const read = adapter.get('Order', { orderId: 'O1' }).then(() => steps.push('read'));
    await Promise.all([first, read]);
    expect(steps).toEqual(['first', 'read']);
  });

  it('another adapter on the same Database object is refused the same way', async () => {
    const { file } = orderDatabase();
    const db = new Database(file);
    onCleanup(() => db.close());
    const first = new SqliteAdapter(db, { tables: { Order: 'orders' } });
    const second = new SqliteAdapter(db, { tables: { Order: 'orders' } });
    await first.transaction(async () => {
      await expect(second.get('Order', { orderId: 'O1' })).rejects.toBeInstanceOf(
        AdapterReentryError,
      );
    });
    // An adapter on another connection is not this transaction's: it waits for the lock instead.
    const other = openAdapter(file);
    await expect(other.filter('Order', {})).resolves.toEqual([]);
  });
});
