// One contender of processes.test.ts: a separate process with its own connection that, when told
// "go" on stdin, loads order O1 and ships it, then prints its outcome as one JSON line.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { ORDER_TABLES, type Payment } from './order-models.js';
import { OrderMachine, type OrderWorkflow } from './order.machine.gen.js';

const file = process.argv[2];
if (!file) throw new Error('usage: ship-order-worker.ts <database file>');
const adapter = new SqliteAdapter(file, { tables: ORDER_TABLES, transitionLog: true });
const machine = OrderMachine;
const payment = (await adapter.get('Payment', { orderId: 'O1' })) as unknown as Payment;

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(lines, 'line');
lines.close();

let outcome: { ok: boolean; error?: string; message?: string };
try {
  await machine.load(
    { adapter, id: 'O1', context: { customerId: 'C1' }, instances: { Payment: payment } },
    async (wf) => {
      await new Promise((resolve) => setTimeout(resolve, 10)); // hold the transaction open a while
      await (wf as OrderWorkflow<'Processing'>).transitionTo('Shipped');
    },
  );
  outcome = { ok: true };
} catch (error) {
  outcome = { ok: false, error: (error as Error).name, message: (error as Error).message };
}
await adapter.close();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
