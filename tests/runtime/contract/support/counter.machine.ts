import { defineMachine, instanceOf, model, value } from 'state-machine-framework/dsl';
import type { Counter, Job, Settings } from './models.js';

// Job is the primary model; Counter is a row the workflow is handed from outside. Busy → Busy is
// a self-loop and Busy → Idle → Busy a cycle back to the same state values: the cases where a
// compare-and-set on the state value alone cannot see a stale row. versioned-counter.machine.ts is
// the same machine with Counter's version field.
export default defineMachine({
  name: 'Counting',
  models: {
    Job: model<Job>({ stateField: 'status', identifierField: 'jobId' }),
    Counter: model<Counter>({ stateField: 'phase', identifierField: 'counterId' }),
  },
  states: {
    Open: { start: true, models: { Job: 'open' }, to: ['Busy', 'Closed'] },
    Busy: { models: { Job: 'busy', Counter: 'counting' }, to: ['Busy', 'Idle', 'Closed'] },
    Idle: { models: { Job: 'idle', Counter: 'idle' }, to: ['Busy', 'Closed'] },
    Closed: { terminal: true, models: { Job: 'closed' } },
  },
  context: {
    counter: instanceOf('Counter', { required: false, createdIn: 'Busy' }),
    settings: value<Settings>({ required: false }),
    label: value<string>({ required: false }),
    limit: value<number>({ required: false }),
  },
});
