import { defineMachine, instanceOf, model, value } from 'state-machine-framework/dsl';
import type { Job, Settings, VersionedCounter } from './models.js';

// counter.machine.ts with `version` as Counter's version field: every write of the row compares
// and increments it. Same name, so both log and fail as Counting.
export default defineMachine({
  name: 'Counting',
  models: {
    Job: model<Job>({ stateField: 'status', identifierField: 'jobId' }),
    Counter: model<VersionedCounter>({
      stateField: 'phase',
      identifierField: 'counterId',
      versionField: 'version',
    }),
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
