import { MemoryAdapter } from 'state-machine-framework';
import { OrderMachine } from './order.machine.gen.js';

const adapter = new MemoryAdapter();
const sent: string[] = [];

OrderMachine.validator(
  'Pending',
  function positiveAmount(data) {
    if ((data.Order?.amount ?? 0) <= 0) throw new Error('amount must be positive');
  },
  { order: 1 },
);
OrderMachine.afterCommit('Completed', (instances) => sent.push(instances.Order.customerEmail));

const orderData = { amount: 99.99, customerEmail: 'user@example.com' };
const summary = await OrderMachine.run(
  { adapter, context: { customerId: 'C1', orderData } },
  async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'ORD-1', ...orderData } });
    const processing = await pending.transitionTo('Processing');
    await processing.transitionTo('Completed');
    // await pending.transitionTo('Completed'); // ← compile error: not an edge from Pending
    return wf.historySummary();
  },
);

await OrderMachine.load(
  { adapter, id: 'ORD-1', context: { customerId: 'C1', orderData } },
  async (wf) => {
    if (wf.is('Processing')) await wf.transitionTo('Cancelled'); // state read from the row
  },
);

console.log(summary.path.join(' → '), '| mails:', sent);
