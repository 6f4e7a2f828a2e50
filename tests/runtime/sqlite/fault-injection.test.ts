import { describe, expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { failingAt, InjectedFault } from '../support/failing-adapter.js';
import { orderDatabase } from './support/order-database.js';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { dumpTables } from './support/temp-database.js';

const SEED = `
INSERT INTO orders (orderId, status, amount) VALUES ('OLD', 'shipped', 3);
INSERT INTO payments (paymentId, orderId, state, amount) VALUES ('P-OLD', 'OLD', 'captured', 3);
`;

/** Four transitions with handlers that read and write through the transaction in two phases. */
async function workflow(adapter: ORMAdapter) {
  const machine = freshMachine(OrderMachine);
  machine.hook('Processing', async (instances, _ctx, meta) => {
    await meta.adapter.update('Order', { orderId: instances.Order.orderId }, { amount: 10 });
  });
  machine.preTransition('Shipped', async (_data, _ctx, meta) => {
    await meta.adapter.filter('Order', { status: 'shipped' });
  });
  await machine.run({ adapter, context: { customerId: 'C1' } }, async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'NEW', amount: 9 } });
    const processing = await pending.transitionTo('Processing', {
      Payment: { paymentId: 'P-NEW', orderId: 'NEW', amount: 9 },
    });
    const shipped = await processing.transitionTo('Shipped');
    await shipped.transitionTo('Delivered');
  });
}

describe('fault injection on a SQLite file', () => {
  it('a fault at any adapter call leaves the file exactly as before the run', async () => {
    const counter = { calls: 0 };
    const clean = orderDatabase({ transitionLog: true });
    clean.adapter.database.exec(SEED);
    await workflow(failingAt(clean.adapter, 0, counter));
    const total = counter.calls;
    expect(total).toBeGreaterThan(12);
    expect(dumpTables(clean.file)['orders']).toHaveLength(2);
    expect(dumpTables(clean.file)['smf_transitions']).toHaveLength(4);

    for (let k = 1; k <= total; k++) {
      const { file, adapter } = orderDatabase({ transitionLog: true });
      adapter.database.exec(SEED);
      const before = dumpTables(file);
      const error = await workflow(failingAt(adapter, k)).catch((e: unknown) => e);
      expect(error, `call ${k}`).toBeDefined();
      const cause = error instanceof InjectedFault ? error : (error as Error).cause;
      expect(cause, `call ${k}`).toBeInstanceOf(InjectedFault);
      expect(dumpTables(file), `call ${k}`).toEqual(before);
      // The connection is still usable: nothing was left open by the failed run.
      await workflow(adapter);
      expect(dumpTables(file)['orders'], `call ${k}`).toHaveLength(2);
    }
  });
});
