// The parcel machine of the realistic workloads (issue 10), in the shape smf-gen emits: every
// transition carries data for the row, and every state has one validator and one hook, so each
// transition runs one of each on its target. InTransit loops on itself (a scan).
import { createMachine, type MachineConfig, type Workflow } from 'state-machine-framework';

export interface Parcel {
  id: string;
  status: 'received' | 'sorted' | 'in_transit' | 'delivered';
  location: string;
  scans: number;
}

export type ParcelState = 'Received' | 'Sorted' | 'InTransit' | 'Delivered';

export interface ParcelTypes {
  state: ParcelState;
  start: 'Received';
  transitions: {
    Received: 'Sorted';
    Sorted: 'InTransit';
    InTransit: 'InTransit' | 'Delivered';
    Delivered: 'Received';
  };
  anyStateTargets: never;
  models: { Parcel: Parcel };
  stateInstances: {
    Received: { Parcel: Parcel };
    Sorted: { Parcel: Parcel };
    InTransit: { Parcel: Parcel };
    Delivered: { Parcel: Parcel };
  };
  context: { parcel: Parcel };
  contextInput: Record<never, never>;
  contextOption: { context?: Record<never, never> };
}

export type ParcelWorkflow<S extends ParcelState = ParcelState> = Workflow<ParcelTypes, S>;

const config: MachineConfig = {
  name: 'Parcel',
  models: { Parcel: { stateField: 'status', identifierField: 'id' } },
  states: {
    Received: { models: { Parcel: 'received' }, to: ['Sorted'], start: true },
    Sorted: { models: { Parcel: 'sorted' }, to: ['InTransit'] },
    InTransit: { models: { Parcel: 'in_transit' }, to: ['InTransit', 'Delivered'] },
    Delivered: { models: { Parcel: 'delivered' }, to: ['Received'] },
  },
  context: { parcel: { kind: 'instance', required: true, model: 'Parcel', createdIn: 'Received' } },
};

export const PARCEL_STATES = ['Received', 'Sorted', 'InTransit', 'Delivered'] as const;

/** The user work every side does per transition: the validator's check and the hook's result. */
export function checkLocation(location: string | undefined): void {
  if (location === '') throw new Error('a scan needs a location');
}
export const describeParcel = (id: string, location: string): string => `${id}@${location}`;

export const parcelMachine = createMachine<ParcelTypes>(config);
for (const state of PARCEL_STATES) {
  parcelMachine.validator(state, function hasLocation(data) {
    checkLocation(data.Parcel?.location);
  });
  parcelMachine.hook(state, function describe(instances) {
    return describeParcel(instances.Parcel.id, instances.Parcel.location);
  });
}

/** The data a transition carries: where the parcel is and how many scans it has had. */
export const scanData = (scans: number) => ({ Parcel: { location: `L${scans % 64}`, scans } });
