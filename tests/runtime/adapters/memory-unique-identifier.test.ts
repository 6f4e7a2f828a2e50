import { describe, expect, it } from 'vitest';
import { MemoryAdapter, MemoryAdapterError } from 'state-machine-framework/adapters/memory';
import { UniqueViolationError } from '../../../runtime/errors.js';

const orders = () => [
  { orderId: 'O1', status: 'pending' },
  { orderId: 'O2', status: 'pending' },
];

describe('MemoryAdapter refuses a duplicate identifier', () => {
  it('with the keys option, a create repeating an identifier throws UniqueViolationError and writes nothing', async () => {
    const adapter = new MemoryAdapter({ Order: orders() }, { keys: { Order: 'orderId' } });
    const error = await adapter
      .create('Order', { orderId: 'O1', status: 'new' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).model).toBe('Order');
    expect((error as UniqueViolationError).fields).toEqual({ orderId: 'O1' });
    expect(adapter.snapshot().Order).toEqual(orders());
  });

  it('after describeModel, inside a transaction too, and the transaction can go on', async () => {
    const adapter = new MemoryAdapter({ Order: orders() });
    await adapter.transaction(async (tx) => {
      tx.describeModel?.('Order', { identifierField: 'orderId' });
      await expect(tx.create('Order', { orderId: 'O2' })).rejects.toBeInstanceOf(
        UniqueViolationError,
      );
      await tx.create('Order', { orderId: 'O3', status: 'new' });
    });
    expect(adapter.snapshot().Order?.map((r) => r.orderId)).toEqual(['O1', 'O2', 'O3']);
  });

  it('an update changing the identifier to a taken one throws and changes nothing', async () => {
    const adapter = new MemoryAdapter({ Order: orders() }, { keys: { Order: 'orderId' } });
    await expect(
      adapter.update('Order', { orderId: 'O2' }, { orderId: 'O1', status: 'x' }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(
      adapter.update('Order', { status: 'pending' }, { orderId: 'O9' }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    expect(adapter.snapshot().Order).toEqual(orders());
    expect(await adapter.update('Order', { orderId: 'O2' }, { orderId: 'O2', status: 'x' })).toBe(
      1,
    );
    expect(await adapter.update('Order', { orderId: 'O2' }, { orderId: 'O3' })).toBe(1);
  });

  it('a rolled-back create frees its identifier', async () => {
    const adapter = new MemoryAdapter({}, { keys: { Order: 'orderId' } });
    await adapter
      .transaction(async (tx) => {
        await tx.create('Order', { orderId: 'O1' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await adapter.create('Order', { orderId: 'O1' });
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1' }]);
  });

  it('refuses seed rows that already repeat a described identifier', () => {
    expect(
      () =>
        new MemoryAdapter(
          { Order: [...orders(), { orderId: 'O1' }] },
          { keys: { Order: 'orderId' } },
        ),
    ).toThrow(UniqueViolationError);
  });

  it('without a description, get matching several rows is a typed error saying what to do', async () => {
    const adapter = new MemoryAdapter({ Order: [...orders(), { orderId: 'O1', status: 'dup' }] });
    const error = await adapter.get('Order', { orderId: 'O1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryAdapterError);
    expect((error as Error).message).toMatch(/2 rows match .*Use filter\(\) to read several/);
  });
});
