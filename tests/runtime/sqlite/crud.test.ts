import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ObjectNotFound, StateMachineError } from 'state-machine-framework';
import { SqliteAdapter, SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables, execOn, tempDatabasePath } from './support/temp-database.js';

const order = (orderId: string, status = 'pending', amount = 10) => ({ orderId, status, amount });

describe('SqliteAdapter CRUD on a file', () => {
  it('create returns the row as stored, defaults included, and it is on disk', async () => {
    const { file, adapter } = orderDatabase();
    const created = await adapter.create('Order', order('O1'));
    expect(created).toEqual({
      orderId: 'O1',
      status: 'pending',
      amount: 10,
      customerEmail: null,
      express: false,
    });
    expect(dumpTables(file)['orders']).toEqual([{ ...created, express: 0 }]);
  });

  it('get returns exactly one row; filter returns every match; null filters mean IS NULL', async () => {
    const { adapter } = orderDatabase();
    await adapter.create('Order', order('O1'));
    await adapter.create('Order', { ...order('O2', 'processing'), customerEmail: 'a@example.com' });
    await adapter.create('Order', order('O3'));

    expect(await adapter.get('Order', { orderId: 'O2' })).toMatchObject({ status: 'processing' });
    const pending = await adapter.filter('Order', { status: 'pending' });
    expect(pending.map((r) => r['orderId']).toSorted()).toEqual(['O1', 'O3']);
    const noEmail = await adapter.filter('Order', { customerEmail: null });
    expect(noEmail.map((r) => r['orderId']).toSorted()).toEqual(['O1', 'O3']);
    expect(await adapter.filter('Order', {})).toHaveLength(3);
    await expect(adapter.get('Order', { status: 'pending' })).rejects.toThrow(
      /matched more than one row/,
    );
  });

  it('get of a missing row is ObjectNotFound naming the model and filters', async () => {
    const { adapter } = orderDatabase();
    const error = await adapter.get('Order', { orderId: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectNotFound);
    expect(error).toMatchObject({ model: 'Order', filters: { orderId: 'nope' } });
  });

  it('update and delete return how many rows they changed', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.create('Order', order('O1'));
    await adapter.create('Order', order('O2'));

    expect(
      await adapter.update('Order', { orderId: 'O1', status: 'pending' }, { status: 'processing' }),
    ).toBe(1);
    // Compare-and-set on a value the row no longer holds changes nothing.
    expect(
      await adapter.update('Order', { orderId: 'O1', status: 'pending' }, { status: 'cancelled' }),
    ).toBe(0);
    expect(await adapter.update('Order', {}, { amount: 20 })).toBe(2);
    expect(await adapter.update('Order', { orderId: 'O2' }, {})).toBe(1);
    expect(await adapter.update('Order', { orderId: 'O2' }, { amount: undefined })).toBe(1);
    expect(await adapter.delete('Order', { status: 'pending' })).toBe(1);
    expect(await adapter.delete('Order', { status: 'pending' })).toBe(0);
    expect(dumpTables(file)['orders']).toEqual([
      { orderId: 'O1', status: 'processing', amount: 20, customerEmail: null, express: 0 },
    ]);
  });

  it('maps models to tables with the tables option, and uses the model name otherwise', async () => {
    const file = tempDatabasePath();
    execOn(
      file,
      'CREATE TABLE Widget (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE "odd ""name""" (v TEXT)',
    );
    const adapter = openAdapter(file, { tables: { Odd: 'odd "name"' } });
    expect(await adapter.create('Widget', { name: 'w' })).toEqual({ id: 1, name: 'w' });
    expect(await adapter.create('Odd', { v: 'quoted identifiers' })).toEqual({
      v: 'quoted identifiers',
    });
  });

  it('accepts an open Database, and leaves it open on close', async () => {
    const file = tempDatabasePath();
    const db = new Database(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const adapter = new SqliteAdapter(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    await adapter.create('t', {});
    await adapter.close();
    expect(db.open).toBe(true);
    db.close();
  });

  it('refuses a busyTimeout that is not a whole number of milliseconds', () => {
    for (const busyTimeout of [-1, 1.5, Number.NaN]) {
      expect(() => new SqliteAdapter(tempDatabasePath(), { busyTimeout })).toThrow(
        /busyTimeout must be a whole number/,
      );
    }
  });

  it('fails every call after close', async () => {
    const { adapter } = orderDatabase();
    await adapter.close();
    expect(adapter.database.open).toBe(false);
    await expect(adapter.filter('Order', {})).rejects.toThrow(/is closed/);
    await expect(adapter.transaction(async () => 1)).rejects.toBeInstanceOf(SqliteAdapterError);
  });
});

describe('SqliteAdapter reports schema mistakes in terms of the model', () => {
  it('an unknown model names the model, the table and the tables that exist', async () => {
    const { adapter } = orderDatabase();
    const error = await adapter.create('Shipment', { id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect(error).toBeInstanceOf(StateMachineError);
    expect((error as Error).message).toContain("model 'Shipment' has no table");
    expect((error as Error).message).toContain('tables: orders, payments');
    expect((error as Error).message).toContain('`tables` option');
  });

  it.each([
    ['create', (a: SqliteAdapter) => a.create('Order', { ...order('O1'), colour: 'red' })],
    ['get', (a: SqliteAdapter) => a.get('Order', { colour: 'red' })],
    ['filter', (a: SqliteAdapter) => a.filter('Order', { colour: null })],
    [
      'update (changes)',
      (a: SqliteAdapter) => a.update('Order', { orderId: 'O1' }, { colour: 'red' }),
    ],
    [
      'update (filters)',
      (a: SqliteAdapter) => a.update('Order', { colour: 'red' }, { status: 'x' }),
    ],
    ['delete', (a: SqliteAdapter) => a.delete('Order', { colour: 'red' })],
  ])(
    'an unknown column in %s names the model, the column and the known columns',
    async (_, call) => {
      const { adapter } = orderDatabase();
      const error = await call(adapter).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SqliteAdapterError);
      expect((error as Error).message).toBe(
        "SqliteAdapter: model 'Order' has no column 'colour' (table \"orders\" has: orderId, status, amount, customerEmail, express)",
      );
    },
  );

  it('sees a column added after the table was first read', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.create('Order', order('O1'));
    execOn(file, 'ALTER TABLE orders ADD COLUMN colour TEXT');
    expect(await adapter.create('Order', { ...order('O2'), colour: 'red' })).toMatchObject({
      colour: 'red',
    });
    expect(await adapter.get('Order', { orderId: 'O1' })).toMatchObject({ colour: null });
  });

  it('refuses an undefined filter instead of matching everything', async () => {
    const { adapter } = orderDatabase();
    await adapter.create('Order', order('O1'));
    await expect(adapter.update('Order', { orderId: undefined }, { status: 'x' })).rejects.toThrow(
      'the filter on Order.orderId is undefined; pass null to match NULL',
    );
    expect(await adapter.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'pending' });
  });

  it('leaves SQLite constraint errors as SQLite reports them', async () => {
    const { adapter } = orderDatabase();
    await adapter.create('Order', order('O1'));
    await expect(adapter.create('Order', order('O1'))).rejects.toThrow(
      /UNIQUE constraint failed: orders.orderId/,
    );
    await expect(
      adapter.create('Payment', {
        paymentId: 'P1',
        orderId: 'missing',
        state: 'authorized',
        amount: 1,
      }),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });
});
