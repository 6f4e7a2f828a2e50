// Row operations through Drizzle tables: fields are the tables' JS keys, values go through the
// columns' own modes and read back as declared, unknown fields and ambiguous gets are refused.
import { expect, it } from 'vitest';
import { ObjectNotFound, UniqueViolationError } from 'state-machine-framework';
import { DrizzleAdapterError } from 'state-machine-framework/adapters/drizzle';
import { describeEachDriver } from './support/drizzle-fixtures.js';

describeEachDriver('DrizzleAdapter rows on %s', (open) => {
  it('creates, gets, filters, updates and deletes by JS keys, counting the rows changed', async () => {
    const database = await open();
    const adapter = database.adapter();
    expect(await adapter.create('Order', { orderId: 'A', status: 'new', amount: 3 })).toEqual({
      orderId: 'A',
      status: 'new',
      amount: 3,
      code: null,
      note: null,
    });
    await adapter.create('Order', { orderId: 'B', status: 'new', amount: 5, note: 'x' });
    await adapter.create('Order', { orderId: 'C', status: 'done' });

    expect(await adapter.get('Order', { orderId: 'B' })).toMatchObject({ amount: 5, note: 'x' });
    const fresh = await adapter.filter('Order', { status: 'new' });
    expect(fresh.map((row) => row['orderId']).toSorted()).toEqual(['A', 'B']);
    expect(await adapter.filter('Order', { note: null, status: 'new' })).toEqual([
      expect.objectContaining({ orderId: 'A' }),
    ]);
    expect(await adapter.filter('Order', {})).toHaveLength(3);

    expect(await adapter.update('Order', { status: 'new' }, { status: 'paid' })).toBe(2);
    expect(await adapter.update('Order', { orderId: 'A', status: 'new' }, { status: 'x' })).toBe(0);
    expect(await adapter.update('Order', { orderId: 'A' }, { note: undefined })).toBe(1);
    expect(await adapter.delete('Order', { orderId: 'C' })).toBe(1);
    expect(await adapter.delete('Order', { orderId: 'C' })).toBe(0);
    expect((await database.committed('orders')).map((row) => row['status'])).toEqual([
      'paid',
      'paid',
    ]);
  });

  it('get() with no row is ObjectNotFound, with two rows an error that says so', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.create('Order', { orderId: 'A', status: 'new' });
    await adapter.create('Order', { orderId: 'B', status: 'new' });

    const missing = await adapter.get('Order', { orderId: 'Z' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ObjectNotFound);
    expect(missing).toMatchObject({ model: 'Order', filters: { orderId: 'Z' } });
    await expect(adapter.get('Order', { status: 'new' })).rejects.toThrow(
      /Order: get\(\) found more than one row for \{"status":"new"\}/,
    );
  });

  it('an unknown model or field, or an undefined filter, is refused naming it', async () => {
    const database = await open();
    const adapter = database.adapter();
    await expect(adapter.create('Order', { orderId: 'A', status: 'x', colour: 1 })).rejects.toThrow(
      /Order\.colour is not a field of the table "orders" \(its fields: orderId, status, amount, code, note\)/,
    );
    await expect(adapter.filter('Order', { order_id: 'A' })).rejects.toBeInstanceOf(
      DrizzleAdapterError,
    );
    await expect(adapter.update('Order', { orderId: 'A' }, { colour: 1 })).rejects.toThrow(
      /Order\.colour/,
    );
    await expect(adapter.get('Order', { orderId: undefined })).rejects.toThrow(
      /Order\.orderId: the filter is undefined/,
    );
    await expect(adapter.get('Invoice', {})).rejects.toThrow(
      /no table for the model Invoice: add it to the tables option \(models with tables: Order, Sample, Job, Counter, Audit\)/,
    );
    expect(await database.committed('orders')).toEqual([]);
  });

  it('anything but a Drizzle database on PostgreSQL or better-sqlite3, or a table, is refused', async () => {
    const database = await open();
    const { DrizzleAdapter } = await import('state-machine-framework/adapters/drizzle');
    expect(() => new DrizzleAdapter({ query() {} } as never, { tables: {} })).toThrow(
      /the first argument must be a Drizzle database/,
    );
    expect(() => new DrizzleAdapter(database.db, { tables: { Order: 'orders' } as never })).toThrow(
      /tables\.Order is not a Drizzle table/,
    );
  });

  it('values read back as the columns declare them, and filters find what was written', async () => {
    const database = await open();
    const adapter = database.adapter();
    const sample = {
      id: 'S1',
      count: 2147483647,
      big: 9007199254740993n,
      price: '12.50',
      flag: true,
      at: new Date('2026-01-02T03:04:05.678Z'),
      doc: { nested: { list: [1, 'two', null, true] }, emoji: '🦆' },
      label: 'Ünïcödé — 漢字 🦆',
    };
    expect(await adapter.create('Sample', sample)).toEqual(sample);
    expect(await adapter.get('Sample', { id: 'S1' })).toEqual(sample);
    for (const field of ['count', 'big', 'price', 'flag', 'at', 'label'] as const) {
      const found = await adapter.filter('Sample', { [field]: sample[field] });
      expect(found, field).toEqual([sample]);
    }
    const empty = { id: 'S2', count: null, big: null, price: null, flag: false, at: null };
    await adapter.create('Sample', { ...empty, doc: null, label: null });
    expect(await adapter.get('Sample', { id: 'S2' })).toEqual({ ...empty, doc: null, label: null });
    expect(await adapter.filter('Sample', { big: null })).toEqual([
      expect.objectContaining({ id: 'S2' }),
    ]);

    const later = new Date('2030-12-31T23:59:59.999Z');
    expect(
      await adapter.update('Sample', { big: 9007199254740993n }, { at: later, big: -1n }),
    ).toBe(1);
    expect(await adapter.get('Sample', { id: 'S1' })).toMatchObject({ at: later, big: -1n });
  });

  it('a column default applies to a field left out or undefined', async () => {
    const database = await open();
    const adapter = database.adapter();
    const row = await adapter.create('Counter', {
      counterId: 'K',
      phase: 'idle',
      count: undefined,
    });
    expect(row).toEqual({ counterId: 'K', phase: 'idle', count: 0, version: null, meta: null });
  });

  it('a unique clash is UniqueViolationError with the field by its JS key and the value written', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.create('Order', { orderId: 'A', status: 'new', code: 'C-1' });

    const byKey = await adapter
      .create('Order', { orderId: 'A', status: 'new' })
      .catch((e: unknown) => e);
    expect(byKey).toBeInstanceOf(UniqueViolationError);
    expect(byKey).toMatchObject({ model: 'Order', fields: { orderId: 'A' } });
    expect((byKey as Error).message).toMatch(/^Order \{"orderId":"A"\} already exists/);
    expect((byKey as Error).cause).toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
    });

    await adapter.create('Order', { orderId: 'B', status: 'new' });
    const byUpdate = await adapter
      .update('Order', { orderId: 'B' }, { code: 'C-1' })
      .catch((e: unknown) => e);
    expect(byUpdate).toBeInstanceOf(UniqueViolationError);
    expect(byUpdate).toMatchObject({ model: 'Order', fields: { code: 'C-1' } });
  });
});
