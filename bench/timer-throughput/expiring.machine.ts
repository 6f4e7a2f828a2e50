import { defineMachine, model } from 'state-machine-framework/dsl';
import type { Job } from './models.js';

// The benchmark's machine: each job waits in Waiting until its timer moves it to Expired, which
// has no timers, so one firing is one claim share, one locked read, one DELETE and one transition.
export default defineMachine({
  name: 'Expiring',
  models: { Job: model<Job>({ stateField: 'status', identifierField: 'jobId' }) },
  states: {
    Waiting: {
      start: true,
      models: { Job: 'waiting' },
      to: ['Expired', 'Closed'],
      after: { '1h': 'Expired' },
    },
    Expired: { terminal: true, models: { Job: 'expired' } },
    Closed: { terminal: true, models: { Job: 'closed' } },
  },
});
