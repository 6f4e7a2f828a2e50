// Type test: how an application uses the generated Order module (golden of the `order` fixture):
// context input vs handler context, typed transition data and handler parameters. Every
// expected error below must stay an error.
import { MemoryAdapter } from 'state-machine-framework';
import type { Order } from '../generator/fixtures/valid/order/models.js';
import {
  OrderMachine,
  type OrderContext,
  type OrderContextInput,
  type OrderState,
  type OrderWorkflow,
} from '../generator/goldens/order/order.machine.gen.js';

const adapter = new MemoryAdapter();
const orderData = { amount: 10, customerEmail: 'a@example.com' };

export const minimalInput: OrderContextInput = { customerId: 'C1', orderData };
export const explicitUndefined: OrderContextInput = {
  customerId: 'C1',
  note: undefined,
  orderData,
};

// @ts-expect-error the primary instance is never passed in: an existing row is `load`ed
export const primaryInstance: OrderContextInput = { customerId: 'C1', order: undefined, orderData };

// @ts-expect-error customerId is required
export const missingCustomer: OrderContextInput = { orderData };

// @ts-expect-error orderData is validated by its schema's input type
export const badOrderData: OrderContextInput = { customerId: 'C1', orderData: { amount: '1' } };

// @ts-expect-error the instance is filled by the workflow, so handlers see it as required
export const contextWithoutOrder: OrderContext = { customerId: 'C1', orderData };

export async function runAndLoad(): Promise<readonly unknown[]> {
  const fromRun = await OrderMachine.run({ adapter, context: minimalInput }, async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
    const processing: OrderWorkflow<'Processing'> = await pending.transitionTo('Processing');
    await processing.transitionTo('Completed');
    // @ts-expect-error Invoice is not a model of the machine
    await processing.transitionTo('Cancelled', { Invoice: {} });
    // @ts-expect-error amount is a number on the Order model
    await pending.transitionTo('Cancelled', { Order: { amount: 'ten' } });
    const customerId: string = wf.context.customerId;
    const note: string | undefined = wf.context.note;
    const order: Order = wf.context.order;
    const amount: number = wf.context.orderData.amount;
    return [customerId, note, order, amount];
  });
  // @ts-expect-error customerId cannot be read from the row, so `load` needs the context too
  await OrderMachine.load({ adapter, id: 'O1' }, async () => undefined);
  const fromLoad = await OrderMachine.load(
    { adapter, id: 'O1', context: minimalInput },
    async (wf) => {
      const state: OrderState = wf.state;
      if (wf.is('Processing')) await wf.transitionTo('Cancelled');
      return state;
    },
  );
  return [fromRun, fromLoad];
}

export const unregister = [
  OrderMachine.validator(
    'Pending',
    (data, context) => {
      const amount: number | undefined = data.Order?.amount;
      const customerId: string = context.customerId;
      return [amount, customerId];
    },
    { order: 1 },
  ),
  OrderMachine.hook('Completed', (instances) => {
    const email: string = instances.Order.customerEmail;
    return email;
  }),
  OrderMachine.afterCommit('Cancelled', (instances, _context, meta) => [
    instances.Order,
    meta.from,
  ]),
  // @ts-expect-error Shipped is not a state of the machine
  OrderMachine.hook('Shipped', () => undefined),
];
