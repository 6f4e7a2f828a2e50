// The two-model machine of the realistic workloads (issue 10): a parcel and its shipping label,
// whose states both change on every transition (Booked → Shipped → Delivered → Booked). No
// handlers: the workload measures the second model's cost alone.
import { createMachine, type MachineConfig, type Workflow } from 'state-machine-framework';

export interface ShippedParcel {
  id: string;
  status: 'booked' | 'shipped' | 'delivered';
}

export interface Label {
  labelId: string;
  parcelId: string;
  state: 'printed' | 'scanned' | 'filed';
}

type LabelledState = 'Booked' | 'Shipped' | 'Delivered';

interface LabelledTypes {
  state: LabelledState;
  start: 'Booked';
  transitions: { Booked: 'Shipped'; Shipped: 'Delivered'; Delivered: 'Booked' };
  anyStateTargets: never;
  models: { Parcel: ShippedParcel; Label: Label };
  stateInstances: {
    Booked: { Parcel: ShippedParcel; Label: Label };
    Shipped: { Parcel: ShippedParcel; Label: Label };
    Delivered: { Parcel: ShippedParcel; Label: Label };
  };
  context: { parcel: ShippedParcel };
  contextInput: Record<never, never>;
  contextOption: { context?: Record<never, never> };
}

export type LabelledWorkflow<S extends LabelledState = LabelledState> = Workflow<LabelledTypes, S>;

const config: MachineConfig = {
  name: 'Labelled',
  models: {
    Parcel: { stateField: 'status', identifierField: 'id' },
    Label: { stateField: 'state', identifierField: 'labelId', linkedBy: 'parcelId' },
  },
  states: {
    Booked: { models: { Parcel: 'booked', Label: 'printed' }, to: ['Shipped'], start: true },
    Shipped: { models: { Parcel: 'shipped', Label: 'scanned' }, to: ['Delivered'] },
    Delivered: { models: { Parcel: 'delivered', Label: 'filed' }, to: ['Booked'] },
  },
  context: { parcel: { kind: 'instance', required: true, model: 'Parcel', createdIn: 'Booked' } },
};

export const labelledMachine = createMachine<LabelledTypes>(config);

/** The data of the workflow's first transition: the parcel and its label, created. */
export const labelledRows = (n: number) => ({
  Parcel: { id: `P${n}` },
  Label: { labelId: `L${n}` },
});
