// A small machine in the shape smf-gen emits (see tests/runtime/support/order.machine.gen.ts).
// Job is the primary model; Counter is a row the workflow is handed from outside. Busy → Busy is
// a self-loop and Busy → Idle → Busy a cycle back to the same state values: the cases where a
// compare-and-set on the state value alone cannot see a stale row.
import { createMachine, type MachineConfig, type Workflow } from 'state-machine-framework';

export interface Job {
  jobId: string;
  status: 'open' | 'busy' | 'idle' | 'closed';
}

export interface CounterMeta {
  notes: string[];
}

export interface Counter {
  counterId: string;
  phase: 'counting' | 'idle';
  count: number;
  version: number | null;
  meta: CounterMeta | null;
}

export interface Settings {
  limits: { max: number };
  tags: string[];
}

export type CounterState = 'Open' | 'Busy' | 'Idle' | 'Closed';

export interface CounterTransitions {
  Open: 'Busy' | 'Closed';
  Busy: 'Busy' | 'Idle' | 'Closed';
  Idle: 'Busy' | 'Closed';
  Closed: never;
}

export interface CounterContext {
  counter?: Counter | undefined;
  settings?: Settings | undefined;
  label?: string | undefined;
  limit?: number | undefined;
}

export type CounterContextInput = CounterContext;

export interface CounterStateInstances {
  Open: { Job: Job; Counter?: Counter | undefined };
  Busy: { Job: Job; Counter: Counter };
  Idle: { Job: Job; Counter: Counter };
  Closed: { Job: Job; Counter?: Counter | undefined };
}

export interface CounterTypes {
  state: CounterState;
  start: 'Open';
  transitions: Pick<CounterTransitions, CounterState>;
  anyStateTargets: never;
  models: { Job: Job; Counter: Counter };
  stateInstances: Pick<CounterStateInstances, CounterState>;
  context: CounterContext;
  contextInput: CounterContextInput;
  contextOption: { context?: CounterContextInput };
}

export type CounterWorkflow<S extends CounterState = CounterState> = Workflow<CounterTypes, S>;

export function counterConfig(options: { readonly versioned: boolean }): MachineConfig {
  return {
    name: 'Counting',
    models: {
      Job: { stateField: 'status', identifierField: 'jobId' },
      Counter: {
        stateField: 'phase',
        identifierField: 'counterId',
        ...(options.versioned && { versionField: 'version' }),
      },
    },
    states: {
      Open: { models: { Job: 'open' }, to: ['Busy', 'Closed'], start: true },
      Busy: { models: { Job: 'busy', Counter: 'counting' }, to: ['Busy', 'Idle', 'Closed'] },
      Idle: { models: { Job: 'idle', Counter: 'idle' }, to: ['Busy', 'Closed'] },
      Closed: { models: { Job: 'closed' }, to: [], terminal: true },
    },
    context: {
      counter: { kind: 'instance', required: false, model: 'Counter', createdIn: 'Busy' },
      settings: { kind: 'value', required: false },
      label: { kind: 'value', required: false, type: 'string' },
      limit: { kind: 'value', required: false, type: 'number' },
    },
  };
}

/** A fresh machine with no handlers; `versioned` gives Counter the version field `version`. */
export const createCounterMachine = (
  options: { readonly versioned: boolean } = { versioned: false },
) => createMachine<CounterTypes>(counterConfig(options));
