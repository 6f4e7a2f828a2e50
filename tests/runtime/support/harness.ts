import { MemoryAdapter } from 'state-machine-framework';
import { OrderMachine, type OrderContextInput } from './order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';

export const validContext = (): OrderContextInput => ({
  customerId: 'C1',
  orderData: { amount: 99.99, customerEmail: 'user@example.com' },
});

export function orderSetup() {
  const machine = freshMachine(OrderMachine);
  const adapter = new MemoryAdapter({}, { transitionLog: true });
  return { machine, adapter, context: validContext() };
}

/** Runs a workflow to Processing for `orderId` and commits it. */
export async function seedProcessingOrder(
  setup: ReturnType<typeof orderSetup>,
  orderId = 'ORD-1',
): Promise<void> {
  await setup.machine.run({ adapter: setup.adapter, context: setup.context }, async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId, amount: 10 } });
    await pending.transitionTo('Processing', {
      Payment: { paymentId: `PAY-${orderId}`, amount: 10 },
    });
  });
}
