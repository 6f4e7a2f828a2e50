// DrizzleAdapter: nested transactions on one handle take turns (one connection: rolling back to
// the first savepoint would undo a later one's work too), and a call on an outer handle from
// inside a nested transaction running on it — which would wait for itself — fails at once, after
// an await too. The conformance suite (tests/conformance/concurrent-savepoints.test.ts) checks
// what commits; these cases are the order and the refusals.
import { expect, it } from 'vitest';
import { AdapterReentryError } from 'state-machine-framework';
import { describeEachDriver } from './support/drizzle-fixtures.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const ids = (rows: Record<string, unknown>[]) =>
  rows.map((row) => String(row['orderId'] ?? row['order_id'])).toSorted();

describeEachDriver('DrizzleAdapter nested transactions on one handle, on %s', (open) => {
  it('started together, they run one after the other in the order started, calls on the handle between them', async () => {
    const database = await open();
    const adapter = database.adapter();
    const events: string[] = [];
    await adapter.transaction(async (tx) => {
      const nested = (name: string) =>
        tx.transaction(async (inner) => {
          events.push(`${name} starts`);
          await tick();
          await inner.create('Order', { orderId: name, status: 'new' });
          events.push(`${name} ends`);
        });
      const first = nested('first');
      const direct = tx
        .create('Order', { orderId: 'direct', status: 'new' })
        .then(() => void events.push('direct'));
      const second = nested('second');
      await Promise.all([first, direct, second]);
    });
    expect(events).toEqual([
      'first starts',
      'first ends',
      'direct',
      'second starts',
      'second ends',
    ]);
    expect(ids(await database.committed('orders'))).toEqual(['direct', 'first', 'second']);
  });

  it('an outer handle called from inside a nested transaction running on it fails at once, after an await too', async () => {
    const database = await open();
    const adapter = database.adapter();
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.create('Order', { orderId: 'inner', status: 'new' });
        await expect(
          tx.create('Order', { orderId: 'outer', status: 'new' }),
        ).rejects.toBeInstanceOf(AdapterReentryError);
        await expect(tx.transaction(async () => 1)).rejects.toBeInstanceOf(AdapterReentryError);
        await inner.transaction(async (deeper) => {
          await deeper.create('Order', { orderId: 'deeper', status: 'new' });
          await expect(inner.get('Order', { orderId: 'inner' })).rejects.toBeInstanceOf(
            AdapterReentryError,
          );
        });
      });
      await tx.create('Order', { orderId: 'after', status: 'new' });
    });
    expect(ids(await database.committed('orders'))).toEqual(['after', 'deeper', 'inner']);
  });
});
