import { defineMachine, instanceOf, model, value } from 'state-machine-framework/dsl';
import type { Order, Payment } from './order-models.js';

// The machine the SQLite adapter is exercised through: Order is the primary model (table
// "orders"); Payment (table "payments") joins in Processing.
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
    order: instanceOf('Order', { createdIn: 'Pending' }),
    payment: instanceOf('Payment', { required: false, createdIn: 'Processing' }),
  },
});
