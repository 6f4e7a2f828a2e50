import { describe, expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

const order = (orderId: string, status = 'pending') => ({ orderId, status, amount: 10 });
const boom = new Error('boom');
const ids = (rows: unknown[] | undefined) =>
  (rows ?? []).map((r) => (r as { orderId: string }).orderId);

describe('SqliteAdapter transactions on a file', () => {
  it('commits when the callback resolves and returns its value', async () => {
    const { file, adapter } = orderDatabase();
    const result = await adapter.transaction(async (tx) => {
      await tx.create('Order', order('O1'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(ids(dumpTables(file)['orders'])).toEqual(['O1']);
  });

  it('an outer rollback undoes everything, released savepoints included', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.create('Order', order('O0'));
    const before = dumpTables(file);
    const failure = adapter.transaction(async (tx) => {
      await tx.create('Order', order('O1'));
      await tx.transaction(async (inner) => {
        await inner.create('Order', order('O2'));
        await inner.update('Order', { orderId: 'O0' }, { status: 'processing' });
      });
      await tx.delete('Order', { orderId: 'O0' });
      throw boom;
    });
    await expect(failure).rejects.toBe(boom);
    expect(dumpTables(file)).toEqual(before);
    expect(adapter.database.inTransaction).toBe(false);
  });

  it('a nested rollback undoes only the savepoint; the outer transaction keeps its writes', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.transaction(async (tx) => {
      await tx.create('Order', order('O1'));
      const inner = tx.transaction(async (nested) => {
        await nested.create('Order', order('O2'));
        await nested.transaction(async (deepest) => deepest.create('Order', order('O3')));
        await nested.update('Order', { orderId: 'O1' }, { status: 'cancelled' });
        throw boom;
      });
      await expect(inner).rejects.toBe(boom);
      expect(await tx.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'pending' });
      await tx.transaction(async (nested) => nested.create('Order', order('O4')));
    });
    expect(dumpTables(file)['orders']).toEqual([
      { ...order('O1'), customerEmail: null, express: 0 },
      { ...order('O4'), customerEmail: null, express: 0 },
    ]);
  });

  it('a handle used after its transaction ended throws, and so does its savepoint handle', async () => {
    const { adapter } = orderDatabase();
    let outer: ORMAdapter | undefined;
    let inner: ORMAdapter | undefined;
    await adapter.transaction(async (tx) => {
      outer = tx;
      await tx.transaction(async (nested) => void (inner = nested));
      await expect(inner!.create('Order', order('O1'))).rejects.toThrow(
        /used after its transaction ended/,
      );
    });
    await expect(outer!.get('Order', { orderId: 'O1' })).rejects.toBeInstanceOf(SqliteAdapterError);
    await expect(outer!.transaction(async () => 1)).rejects.toThrow(
      /used after its transaction ended/,
    );
    await expect(
      adapter.transaction(async (tx) => tx.transaction(async () => 1).then(() => 'still usable')),
    ).resolves.toBe('still usable');
  });

  it('refuses the outer handle while a nested transaction is open on it', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (nested) => {
        await expect(tx.create('Order', order('O1'))).rejects.toThrow(
          /has a nested transaction open/,
        );
        await nested.create('Order', order('O2'));
      });
      await tx.create('Order', order('O3'));
    });
    expect(ids(dumpTables(file)['orders'])).toEqual(['O2', 'O3']);
  });

  it('serialises outermost transactions on one adapter: workflows never interleave', async () => {
    const { adapter } = orderDatabase();
    const events: string[] = [];
    const workflow = (name: string) =>
      adapter.transaction(async (tx) => {
        events.push(`${name} begin`);
        await tx.create('Order', order(name));
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.update('Order', { orderId: name }, { status: 'processing' });
        events.push(`${name} commit`);
      });
    // Queued between B and C, the read runs after B commits and before C writes anything.
    const [, , seen] = await Promise.all([
      workflow('A'),
      workflow('B'),
      adapter.filter('Order', {}),
      workflow('C'),
    ]);
    expect(seen.map((row) => row['orderId'])).toEqual(['A', 'B']);
    expect(events).toEqual(['A begin', 'A commit', 'B begin', 'B commit', 'C begin', 'C commit']);
  });

  it('a write on the adapter itself waits for the running transaction and commits alone', async () => {
    const { file, adapter } = orderDatabase();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = adapter.transaction(async (tx) => {
      await tx.create('Order', order('O1'));
      await gate;
      throw boom;
    });
    const outside = adapter.create('Order', order('O2'));
    release();
    await expect(running).rejects.toBe(boom);
    await outside;
    expect(ids(dumpTables(file)['orders'])).toEqual(['O2']);
  });

  it('a failed COMMIT (deferred foreign key) rolls back and reports the error', async () => {
    const { file, adapter } = orderDatabase();
    adapter.database.exec(
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, orderId TEXT REFERENCES orders (orderId) DEFERRABLE INITIALLY DEFERRED)',
    );
    await expect(
      adapter.transaction(async (tx) => tx.create('notes', { id: 1, orderId: 'missing' })),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(adapter.database.inTransaction).toBe(false);
    expect(dumpTables(file)['notes']).toEqual([]);
    await adapter.create('Order', order('O1'));
  });
});
