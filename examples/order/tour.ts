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
const context = { customerId: 'C1', orderData };

// A new order, taken as far as Processing: one transaction, committed when the callback returns.
const started = await OrderMachine.run({ adapter, context }, async (wf) => {
  const pending = await wf.transitionTo('Pending', { Order: { orderId: 'ORD-1', ...orderData } });
  // await pending.transitionTo('Completed'); // ← compile error: not an edge from Pending
  await pending.transitionTo('Processing');
  return wf.historySummary();
});

// Later, e.g. in another request: the same order goes on from the state its row holds.
const finished = await OrderMachine.load({ adapter, id: 'ORD-1', context }, async (wf) => {
  if (wf.is('Processing')) await wf.transitionTo('Completed');
  return wf.historySummary();
});

console.log('run: ', started.path.join(' → '));
console.log('load:', finished.path.join(' → '), '| mails:', sent);
