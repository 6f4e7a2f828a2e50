import { defineMachine, model } from 'state-machine-framework/dsl';
import type { Job } from './models.js';

// Two states that each lead to both, so a test can make any transition from whichever state the
// row is in: the smallest machine through which the adapters' re-entry is exercised.
export default defineMachine({
  name: 'Jobs',
  models: {
    Job: model<Job>({ stateField: 'status', identifierField: 'jobId' }),
  },
  states: {
    A: { start: true, models: { Job: 'a' }, to: ['A', 'B'] },
    B: { models: { Job: 'b' }, to: ['A', 'B'] },
  },
});
