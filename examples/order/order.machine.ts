import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';
import { z } from 'zod';
import type { Order } from './models.js';

export const OrderData = z.object({
  amount: z.number().positive(),
  customerEmail: z.email(),
});

export default defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },
    Processing: { models: { Order: 'processing' }, to: ['Completed', 'Cancelled'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
  context: {
    customerId: value<string>(),
    note: value<string>({ required: false }),
    order: instanceOf('Order', { createdIn: 'Pending' }),
    orderData: schema(OrderData),
  },
});
