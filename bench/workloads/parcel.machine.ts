import { defineMachine, instanceOf, model } from 'state-machine-framework/dsl';
import type { Parcel } from './models.js';

// The parcel machine of the realistic workloads: every transition carries data for the row, and
// parcel-handlers.ts gives every state one validator and one hook. InTransit loops on itself (a
// scan); Delivered leads back to Received, so one workflow can go round any number of times.
export default defineMachine({
  name: 'Parcel',
  models: {
    Parcel: model<Parcel>({ stateField: 'status', identifierField: 'id' }),
  },
  states: {
    Received: { start: true, models: { Parcel: 'received' }, to: ['Sorted'] },
    Sorted: { models: { Parcel: 'sorted' }, to: ['InTransit'] },
    InTransit: { models: { Parcel: 'in_transit' }, to: ['InTransit', 'Delivered'] },
    Delivered: { models: { Parcel: 'delivered' }, to: ['Received'] },
  },
  context: {
    parcel: instanceOf('Parcel', { createdIn: 'Received' }),
  },
});
