import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UniqueViolationError } from 'state-machine-framework';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { orderDatabase } from './support/order-database.js';
import { ORDER_TABLES } from './support/order-models.js';
import { dumpTables, execOn, onCleanup, tempDatabasePath } from './support/temp-database.js';

/** Typed errors instead of raw SqliteErrors. */

const order = { orderId: 'O1', status: 'pending', amount: 10 };

describe('a UNIQUE or PRIMARY KEY violation', () => {
  it('is a UniqueViolationError naming the model, the field and the value, the SqliteError as cause', async () => {
    const { adapter } = orderDatabase();
    await adapter.create('Order', order);
    const error = await adapter.create('Order', order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ model: 'Order', fields: { orderId: 'O1' } });
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect((error as Error).message).toMatch(/Order \{"orderId":"O1"\} already exists/);
  });

  it('names every column of a composite UNIQUE constraint, on update as well as insert', async () => {
    const file = tempDatabasePath();
    execOn(
      file,
      'CREATE TABLE seats (id INTEGER PRIMARY KEY, row TEXT, num INTEGER, UNIQUE (row, num))',
    );
    const adapter = new SqliteAdapter(file);
    onCleanup(() => adapter.close());
    await adapter.create('seats', { id: 1, row: 'A', num: 1 });
    await adapter.create('seats', { id: 2, row: 'A', num: 2 });
    const error = await adapter.update('seats', { id: 2, row: 'A' }, { num: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ model: 'seats', fields: { row: 'A', num: 1 } });
    expect(dumpTables(file)['seats']).toEqual([
      { id: 1, row: 'A', num: 1 },
      { id: 2, row: 'A', num: 2 },
    ]);
  });
});

describe('two adapters on one better-sqlite3 Database object', () => {
  it('take turns on the connection instead of nesting BEGIN inside BEGIN', async () => {
    const { file } = orderDatabase();
    const db = new Database(file);
    onCleanup(() => db.close());
    const first = new SqliteAdapter(db, { tables: ORDER_TABLES });
    const second = new SqliteAdapter(db, { tables: ORDER_TABLES });
    const steps: string[] = [];
    const work = (adapter: SqliteAdapter, name: string, id: string) =>
      adapter.transaction(async (tx) => {
        steps.push(`${name} begins`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        await tx.create('Order', { ...order, orderId: id });
        steps.push(`${name} commits`);
      });
    await Promise.all([
      work(first, 'first', 'O1'),
      work(second, 'second', 'O2'),
      second.create('Order', { ...order, orderId: 'O3' }),
      work(first, 'first again', 'O4'),
    ]);
    expect(steps).toEqual([
      'first begins',
      'first commits',
      'second begins',
      'second commits',
      'first again begins',
      'first again commits',
    ]);
    expect(dumpTables(file)['orders']).toHaveLength(4);
    // Closing an adapter leaves a Database it did not open to its owner.
    await first.close();
    expect(await second.filter('Order', {})).toHaveLength(4);
  });

  it('a rollback on one adapter does not undo the other’s committed work', async () => {
    const { file } = orderDatabase();
    const db = new Database(file);
    onCleanup(() => db.close());
    const first = new SqliteAdapter(db, { tables: ORDER_TABLES });
    const second = new SqliteAdapter(db, { tables: ORDER_TABLES });
    const failing = first.transaction(async (tx) => {
      await tx.create('Order', order);
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new Error('undo');
    });
    const committing = second.create('Order', { ...order, orderId: 'O2' });
    await expect(failing).rejects.toThrow('undo');
    await committing;
    expect(dumpTables(file)['orders']).toMatchObject([{ orderId: 'O2' }]);
  });
});
