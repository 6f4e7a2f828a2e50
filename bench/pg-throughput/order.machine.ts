import { defineMachine, instanceOf, model } from 'state-machine-framework/dsl';
import type { Order } from './models.js';

// As bench/sqlite-throughput's machine (Pending → Processing → Completed), plus OnHold so a
// loaded row can be moved back and forth by the load workloads: Processing ⇄ OnHold.
export default defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'id' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing'] },
    Processing: { models: { Order: 'processing' }, to: ['OnHold', 'Completed'] },
    OnHold: { models: { Order: 'on_hold' }, to: ['Processing'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },
  context: {
    order: instanceOf('Order', { createdIn: 'Pending' }),
  },
});
