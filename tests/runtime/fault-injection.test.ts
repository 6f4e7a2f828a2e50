import { describe, expect, it } from 'vitest';
import { MemoryAdapter, type ORMAdapter } from 'state-machine-framework';
import { failingAt, InjectedFault } from './support/failing-adapter.js';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { validContext } from './support/harness.js';

const seedRows = () => ({
  Order: [{ orderId: 'OLD', status: 'shipped', amount: 3 }],
  Payment: [{ paymentId: 'P-OLD', state: 'captured', amount: 3 }],
});

async function workflow(adapter: ORMAdapter) {
  const machine = freshMachine(OrderMachine);
  machine.hook('Processing', async (instances, _ctx, meta) => {
    await meta.adapter.update('Order', { orderId: instances.Order.orderId }, { note: 'hooked' });
  });
  machine.preTransition('Shipped', async (_data, _ctx, meta) => {
    await meta.adapter.filter('Order', { status: 'shipped' });
  });
  await machine.run({ adapter, context: validContext() }, async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'NEW', amount: 9 } });
    const processing = await pending.transitionTo('Processing', {
      Payment: { paymentId: 'P-NEW', amount: 9 },
    });
    const shipped = await processing.transitionTo('Shipped');
    await shipped.transitionTo('Delivered');
  });
}

describe('fault injection', () => {
  it('a fault at any adapter call leaves the data exactly as before the run', async () => {
    const counter = { calls: 0 };
    const clean = new MemoryAdapter(seedRows(), { transitionLog: true });
    await workflow(failingAt(clean, 0, counter));
    const total = counter.calls;
    expect(total).toBeGreaterThan(15);
    expect(clean.snapshot().Order).toHaveLength(2);

    for (let k = 1; k <= total; k++) {
      const adapter = new MemoryAdapter(seedRows(), { transitionLog: true });
      const before = adapter.snapshot();
      const error = await workflow(failingAt(adapter, k)).catch((e: unknown) => e);
      expect(error, `call ${k}`).toBeDefined();
      const cause = error instanceof InjectedFault ? error : (error as Error).cause;
      expect(cause, `call ${k}`).toBeInstanceOf(InjectedFault);
      const after = adapter.snapshot();
      expect(after.Order, `call ${k}`).toEqual(before.Order);
      expect(after.Payment, `call ${k}`).toEqual(before.Payment);
      expect(after.smf_transitions ?? [], `call ${k}`).toEqual([]);
    }
  });
});
