// KyselyAdapter rows on each dialect: create returns the row as stored, get finds exactly one,
// filter matches by equality (null as IS NULL), update and delete count the rows they matched.
import { expect, it } from 'vitest';
import { ObjectNotFound, UniqueViolationError } from 'state-machine-framework';
import { KyselyAdapter, KyselyAdapterError } from 'state-machine-framework/adapters/kysely';
import { describeEachDialect, openDatabase, type Dialect } from './support/kysely-databases.js';

const TABLES = {
  orders: { orderId: 'key', status: 'text not null', qty: 'int', note: 'text' },
  tickets: { id: 'autoKey', title: 'text' },
} as const;

async function adapterOn(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const adapter = new KyselyAdapter(database.db, {
    tables: { Order: 'orders', Ticket: 'tickets' },
  });
  adapter.describeModel('Order', { identifierField: 'orderId' });
  return { adapter, database };
}

describeEachDialect('KyselyAdapter rows on %s', (dialect) => {
  it('tells its dialect from the Kysely instance', async () => {
    const { adapter } = await adapterOn(dialect);
    expect(adapter.dialect).toBe(dialect);
  });

  it('creates, reads, updates and deletes rows', async () => {
    const { adapter } = await adapterOn(dialect);
    const created = await adapter.create('Order', { orderId: 'O1', status: 'new', qty: 2 });
    expect(created).toEqual({ orderId: 'O1', status: 'new', qty: 2, note: null });
    await adapter.create('Order', { orderId: 'O2', status: 'new', qty: 3, note: 'x' });

    expect(await adapter.get('Order', { orderId: 'O2' })).toEqual({
      orderId: 'O2',
      status: 'new',
      qty: 3,
      note: 'x',
    });
    expect((await adapter.filter('Order', { status: 'new' })).length).toBe(2);
    expect(await adapter.filter('Order', { note: null })).toEqual([created]);

    expect(await adapter.update('Order', { status: 'new' }, { status: 'paid' })).toBe(2);
    expect(await adapter.update('Order', { orderId: 'O9' }, { status: 'paid' })).toBe(0);
    expect(await adapter.delete('Order', { orderId: 'O1' })).toBe(1);
    expect(await adapter.filter('Order', {})).toEqual([
      { orderId: 'O2', status: 'paid', qty: 3, note: 'x' },
    ]);
  });

  it('counts rows an update matched even when it sets the values they hold (compare-and-set)', async () => {
    const { adapter } = await adapterOn(dialect);
    await adapter.create('Order', { orderId: 'O1', status: 'new', qty: 1 });
    expect(await adapter.update('Order', { orderId: 'O1', status: 'new' }, { status: 'new' })).toBe(
      1,
    );
    expect(await adapter.update('Order', { orderId: 'O1' }, { qty: 1, note: null })).toBe(1);
  });

  it('leaves undefined values out (the default applies) and refuses an undefined filter', async () => {
    const { adapter } = await adapterOn(dialect);
    const row = await adapter.create('Order', { orderId: 'O1', status: 'new', note: undefined });
    expect(row['note']).toBeNull();
    await expect(adapter.filter('Order', { note: undefined })).rejects.toThrow(
      /the filter on 'note' is undefined/,
    );
  });

  it('get: ObjectNotFound for no row, an error naming the count for several', async () => {
    const { adapter } = await adapterOn(dialect);
    await adapter.create('Order', { orderId: 'O1', status: 'new' });
    await adapter.create('Order', { orderId: 'O2', status: 'new' });
    await expect(adapter.get('Order', { orderId: 'O3' })).rejects.toBeInstanceOf(ObjectNotFound);
    const several = adapter.get('Order', { status: 'new' });
    await expect(several).rejects.toBeInstanceOf(KyselyAdapterError);
    await expect(several).rejects.toThrow(/found 2 rows/);
  });

  it('an unknown column or table fails naming the model and what exists', async () => {
    const { adapter } = await adapterOn(dialect);
    await expect(adapter.filter('Order', { stauts: 'new' })).rejects.toThrow(
      /Order \(table orders\) has no column 'stauts'; its columns: orderId, status, qty, note/,
    );
    await expect(adapter.filter('Nope', {})).rejects.toThrow(
      /table Nope for model Nope does not exist/,
    );
  });

  it('a database-assigned key comes back from create', async () => {
    const { adapter } = await adapterOn(dialect);
    const first = await adapter.create('Ticket', { title: 'a' });
    const second = await adapter.create('Ticket', { title: 'b' });
    expect(second).toEqual({ id: expect.anything(), title: 'b' });
    expect(Number(second['id'])).toBe(Number(first['id']) + 1);
  });

  it('a repeated identifier is a UniqueViolationError naming the model and field', async () => {
    const { adapter } = await adapterOn(dialect);
    await adapter.create('Order', { orderId: 'O1', status: 'new' });
    const error = await adapter.create('Order', { orderId: 'O1', status: 'again' }).catch((e) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ model: 'Order', fields: { orderId: 'O1' } });
    expect((error as Error).cause).toBeDefined();
  });
});
