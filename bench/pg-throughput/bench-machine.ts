import { createMachine, type MachineConfig } from 'state-machine-framework';

export interface Order {
  id: string;
  status: 'pending' | 'processing' | 'completed' | 'on_hold';
  amount: number;
  /** How many load workflows moved the row: the check at the end sums it. */
  loads: number;
}

/** The type bundle a generated module would declare for this machine. */
interface BenchTypes {
  state: 'Pending' | 'Processing' | 'OnHold' | 'Completed';
  start: 'Pending';
  transitions: {
    Pending: 'Processing';
    Processing: 'OnHold' | 'Completed';
    OnHold: 'Processing';
    Completed: never;
  };
  anyStateTargets: never;
  models: { Order: Order };
  stateInstances: {
    Pending: { Order: Order };
    Processing: { Order: Order };
    OnHold: { Order: Order };
    Completed: { Order: Order };
  };
  context: { order: Order };
  contextInput: Record<never, never>;
  contextOption: { context?: Record<never, never> };
}

export const MACHINE_NAME = 'Order';

/**
 * As bench/sqlite-throughput's machine (Pending → Processing → Completed), plus OnHold so a
 * loaded row can be moved back and forth by the load workloads: Processing ⇄ OnHold.
 */
const config: MachineConfig = {
  name: MACHINE_NAME,
  models: { Order: { stateField: 'status', identifierField: 'id' } },
  states: {
    Pending: { models: { Order: 'pending' }, to: ['Processing'], start: true },
    Processing: { models: { Order: 'processing' }, to: ['OnHold', 'Completed'] },
    OnHold: { models: { Order: 'on_hold' }, to: ['Processing'] },
    Completed: { models: { Order: 'completed' }, to: [], terminal: true },
  },
  context: { order: { kind: 'instance', required: true, model: 'Order', createdIn: 'Pending' } },
};

export const benchMachine = createMachine<BenchTypes>(config);

/** The state a load workflow moves a row to, by the status it holds now (state names as logged). */
export const FLIP = {
  processing: { status: 'on_hold', from: 'Processing', to: 'OnHold' },
  on_hold: { status: 'processing', from: 'OnHold', to: 'Processing' },
} as const;
