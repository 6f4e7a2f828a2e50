import { defineMachine, instanceOf, model } from 'state-machine-framework/dsl';
import type { Label, ShippedParcel } from './models.js';

// The two-model machine of the realistic workloads: a parcel and its shipping label, whose states
// both change on every transition (Booked → Shipped → Delivered → Booked). No handlers: the
// workload measures the second model's cost alone.
export default defineMachine({
  name: 'Labelled',
  models: {
    Parcel: model<ShippedParcel>({ stateField: 'status', identifierField: 'id' }),
    Label: model<Label>({ stateField: 'state', identifierField: 'labelId', linkedBy: 'parcelId' }),
  },
  states: {
    Booked: { start: true, models: { Parcel: 'booked', Label: 'printed' }, to: ['Shipped'] },
    Shipped: { models: { Parcel: 'shipped', Label: 'scanned' }, to: ['Delivered'] },
    Delivered: { models: { Parcel: 'delivered', Label: 'filed' }, to: ['Booked'] },
  },
  context: {
    parcel: instanceOf('Parcel', { createdIn: 'Booked' }),
  },
});
