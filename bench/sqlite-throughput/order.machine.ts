import { defineMachine, instanceOf, model } from 'state-machine-framework/dsl';
import type { Order } from './models.js';

// Three states in a line: each workflow creates an order and takes it through two transitions.
export default defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing'] },
    Processing: { models: { Order: 'processing' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },
  context: {
    order: instanceOf('Order', { createdIn: 'Pending' }),
  },
});
