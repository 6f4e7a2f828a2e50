// Hand-written in the exact shape smf-gen emits, so the throughput benchmark does not depend on
// the generator. Four states in a cycle, so one workflow can make any number of transitions.
import { createMachine, type Workflow } from 'state-machine-framework';

export interface Item {
  id: string;
  status: string;
  note?: string;
}

export const CYCLE_STATES = ['Draft', 'Review', 'Approved', 'Published'] as const;
export type CycleState = 'Draft' | 'Review' | 'Approved' | 'Published';
export type CycleStartState = 'Draft';
export type CycleTerminalState = never;

export interface CycleTransitions {
  Draft: 'Review';
  Review: 'Approved';
  Approved: 'Published';
  Published: 'Draft';
}
export const CYCLE_TRANSITIONS = {
  Draft: ['Review'],
  Review: ['Approved'],
  Approved: ['Published'],
  Published: ['Draft'],
} as const;
export const CYCLE_EDGES = [
  ['Draft', 'Review'],
  ['Review', 'Approved'],
  ['Approved', 'Published'],
  ['Published', 'Draft'],
] as const;

export interface CycleModels {
  Item: Item;
}
export interface CycleContext {
  requestId: string;
}
export interface CycleContextInput {
  requestId: string;
}
export interface CycleStateInstances {
  Draft: { Item: Item };
  Review: { Item: Item };
  Approved: { Item: Item };
  Published: { Item: Item };
}
export interface CycleTypes {
  state: CycleState;
  start: CycleStartState;
  transitions: Pick<CycleTransitions, CycleState>;
  anyStateTargets: never;
  models: CycleModels;
  stateInstances: Pick<CycleStateInstances, CycleState>;
  context: CycleContext;
  contextInput: CycleContextInput;
  contextOption: { context: CycleContextInput };
}
export type CycleWorkflow<S extends CycleState = CycleState> = Workflow<CycleTypes, S>;

export const CycleMachine = createMachine<CycleTypes>({
  name: 'Cycle',
  models: {
    Item: { stateField: 'status', identifierField: 'id' },
  },
  states: {
    Draft: { models: { Item: 'draft' }, to: ['Review'], start: true },
    Review: { models: { Item: 'review' }, to: ['Approved'] },
    Approved: { models: { Item: 'approved' }, to: ['Published'] },
    Published: { models: { Item: 'published' }, to: ['Draft'] },
  },
  context: {
    requestId: { kind: 'value', required: true, type: 'string' },
  },
});
