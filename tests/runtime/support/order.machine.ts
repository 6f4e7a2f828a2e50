import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';
import { z } from 'zod';
import type { Order, Payment } from './models.js';

export const OrderData = z.object({
  amount: z.number().positive(),
  customerEmail: z.email(),
});

// Order is the primary model; Payment joins in Processing, so a workflow has a second model that
// is absent before that state and required in the states that map it.
export default defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
    Payment: model<Payment>({ stateField: 'state', identifierField: 'paymentId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },
    Processing: {
      models: { Order: 'processing', Payment: 'authorized' },
      to: ['Shipped', 'Cancelled'],
    },
    Shipped: { models: { Order: 'shipped', Payment: 'captured' }, to: ['Delivered'] },
    Delivered: { terminal: true, models: { Order: 'delivered' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
  context: {
    customerId: value<string>(),
    note: value<string>({ required: false }),
    order: instanceOf('Order', { createdIn: 'Pending' }),
    payment: instanceOf('Payment', { required: false, createdIn: 'Processing' }),
    orderData: schema(OrderData),
  },
});
