import { defineMachine, model, value } from 'state-machine-framework/dsl';
import type { Shipment } from './models.js';

export default defineMachine({
  name: 'Shipment',
  models: {
    Shipment: model<Shipment>({ stateField: 'status', identifierField: 'shipmentId' }),
  },
  states: {
    Requested: { start: true, models: { Shipment: 'requested' }, to: ['Reserved', 'Cancelled'] },
    Reserved: { models: { Shipment: 'reserved' }, to: ['Shipped', 'Cancelled'] },
    Shipped: { terminal: true, models: { Shipment: 'shipped' } },
    Cancelled: { terminal: true, models: { Shipment: 'cancelled' } },
  },
  context: {
    clerk: value<string>(),
  },
});
