// The order quick start on an embedded SQLite file: Pending → Processing → Completed, plus a
// cancellation through the custom transition. Run: node --conditions=source --import tsx examples/order/main.ts
import { rmSync } from 'node:fs';
import { openOrderDatabase } from './database.js';
import { registerOrderHandlers } from './handlers.js';
import { OrderMachine } from './order.machine.gen.js';

const file = new URL('./orders.db', import.meta.url).pathname;
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
const adapter = await openOrderDatabase(file);
const outbox: string[] = [];
registerOrderHandlers({ send: (to, subject) => outbox.push(`${to}: ${subject}`) });

const orderData = { amount: 99.99, customerEmail: 'user@example.com' };
const completed = await OrderMachine.run(
  { adapter, context: { customerId: 'CUST123', orderData } },
  async (wf) => {
    const pending = await wf.transitionTo('Pending');
    const processing = await pending.transitionTo('Processing');
    await processing.transitionTo('Completed');
    return { id: wf.context.order.orderId, summary: wf.historySummary() };
  },
);
console.log(`${completed.id}: ${completed.summary.path.join(' → ')}`);

const second = await OrderMachine.run(
  { adapter, context: { customerId: 'CUST123', orderData } },
  async (wf) => {
    await wf.transitionTo('Pending');
    return wf.context.order.orderId;
  },
);
await OrderMachine.load(
  { adapter, id: second, context: { customerId: 'CUST123', orderData } },
  async (wf) => {
    if (wf.is('Pending')) await wf.transitionTo('Cancelled');
  },
);
console.log(
  `${second}: loaded in Pending, cancelled →`,
  await adapter.get('Order', { orderId: second }),
);
console.log('mail sent after commit:', outbox);
adapter.close();
