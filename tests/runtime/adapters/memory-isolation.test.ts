import { describe, expect, it } from 'vitest';
import { MemoryAdapter, MemoryAdapterError } from 'state-machine-framework/adapters/memory';
import { StateMachineError } from '../../../runtime/errors.js';

const nested = () => ({ id: 1, address: { city: 'Oslo' }, tags: ['a'], at: new Date(0) });

describe('MemoryAdapter keeps stored rows to itself', () => {
  it('deep-copies seed rows, created data and update changes on the way in', async () => {
    const seedRow = nested();
    const adapter = new MemoryAdapter({ Item: [seedRow] });
    seedRow.address.city = 'changed';
    seedRow.tags.push('b');

    const data = { id: 2, address: { city: 'Bergen' } };
    await adapter.create('Item', data);
    data.address.city = 'changed';

    const changes = { address: { city: 'Tromsø' } };
    await adapter.update('Item', { id: 1 }, changes);
    changes.address.city = 'changed';

    expect(adapter.snapshot().Item).toEqual([
      { id: 1, address: { city: 'Tromsø' }, tags: ['a'], at: new Date(0) },
      { id: 2, address: { city: 'Bergen' } },
    ]);
  });

  it('hands out deep copies from get, filter and create', async () => {
    const adapter = new MemoryAdapter({ Item: [nested()] });
    (await adapter.get('Item', { id: 1 })).address = 'replaced';
    const [row] = await adapter.filter('Item', { id: 1 });
    if (!row) throw new Error('no row');
    (row.address as { city: string }).city = 'changed';
    (row.tags as string[]).push('b');
    const created = await adapter.create('Item', { id: 2, meta: { n: 1 } });
    (created.meta as { n: number }).n = 2;
    expect(adapter.snapshot().Item).toEqual([nested(), { id: 2, meta: { n: 1 } }]);
  });

  it('a nested change made through a returned row inside a transaction is not a write', async () => {
    const adapter = new MemoryAdapter({ Item: [nested()] });
    await adapter.transaction(async (tx) => {
      const row = await tx.get('Item', { id: 1 });
      (row.address as { city: string }).city = 'changed';
    });
    expect((await adapter.get('Item', { id: 1 })).address).toEqual({ city: 'Oslo' });
  });

  it('gives each updated row its own copy of an object value', async () => {
    const adapter = new MemoryAdapter({
      Item: [
        { id: 1, kind: 'x' },
        { id: 2, kind: 'x' },
      ],
    });
    expect(await adapter.update('Item', { kind: 'x' }, { meta: { n: 1 } })).toBe(2);
    await adapter.transaction(async (tx) => {
      await tx.update('Item', { id: 1 }, { meta: { n: 2 } });
    });
    expect((await adapter.get('Item', { id: 2 })).meta).toEqual({ n: 1 });
  });

  it.each([
    ['a function', { id: 1, run: () => 1 }, 'Item.run'],
    ['a symbol', { id: 1, tag: Symbol('s') }, 'Item.tag'],
    ['a function inside an object', { id: 1, nested: { run: () => 1 } }, 'Item.nested'],
  ])('refuses %s before writing anything, naming model and field', async (_, data, where) => {
    const adapter = new MemoryAdapter({ Item: [{ id: 0 }] });
    const error = await adapter.create('Item', data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryAdapterError);
    expect(error).toBeInstanceOf(StateMachineError);
    expect((error as Error).message).toContain(where);
    await expect(adapter.update('Item', { id: 0 }, data)).rejects.toBeInstanceOf(
      MemoryAdapterError,
    );
    expect(adapter.snapshot().Item).toEqual([{ id: 0 }]);
  });

  it('refuses a value it cannot copy in a seed row', () => {
    expect(() => new MemoryAdapter({ Item: [{ id: 1, run: () => 1 }] })).toThrow(
      MemoryAdapterError,
    );
  });

  it.each([
    ['a string', 'xyz'],
    ['an array', ['x', 'y']],
    ['null', null],
    [
      'a class instance',
      new (class Item {
        id = 1;
      })(),
    ],
  ])('refuses %s as the data of create or the changes of update', async (_, data) => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }] });
    await expect(adapter.create('Item', data as never)).rejects.toThrow(
      /Item: the data of create must be a plain object/,
    );
    await expect(adapter.update('Item', { id: 1 }, data as never)).rejects.toBeInstanceOf(
      MemoryAdapterError,
    );
    expect(adapter.snapshot().Item).toEqual([{ id: 1 }]);
  });

  it('refuses __proto__ as a field name, which would set a row’s prototype', async () => {
    const adapter = new MemoryAdapter();
    const data = JSON.parse('{"id": 1, "__proto__": {"polluted": true}}') as Record<
      string,
      unknown
    >;
    await expect(adapter.create('Item', data)).rejects.toBeInstanceOf(MemoryAdapterError);
  });

  it('refuses an undefined filter instead of matching every row', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }, { id: 2, name: 'b' }] });
    const filters = { name: undefined };
    await expect(adapter.filter('Item', filters)).rejects.toThrow(/filter on 'name' is undefined/);
    await expect(adapter.get('Item', filters)).rejects.toBeInstanceOf(MemoryAdapterError);
    await expect(adapter.update('Item', filters, { x: 1 })).rejects.toBeInstanceOf(
      MemoryAdapterError,
    );
    await expect(adapter.delete('Item', filters)).rejects.toBeInstanceOf(MemoryAdapterError);
    expect(adapter.snapshot().Item).toEqual([{ id: 1 }, { id: 2, name: 'b' }]);
  });

  it('matches own fields only', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1 }] });
    expect(await adapter.filter('Item', { constructor: Object })).toEqual([]);
  });
});
