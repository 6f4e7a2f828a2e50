import { defineMachine, model } from 'state-machine-framework/dsl';
import type { TimedJob } from './models.js';

// A job waiting for an answer: reminded after an hour, expired after two, or an hour after the
// reminder. Waiting → Open → Waiting and Waiting → Waiting re-enter the state with its timers.
export default defineMachine({
  name: 'Timed',
  models: {
    Job: model<TimedJob>({ stateField: 'status', identifierField: 'jobId' }),
  },
  states: {
    Open: { start: true, models: { Job: 'open' }, to: ['Waiting', 'Closed'] },
    Waiting: {
      models: { Job: 'waiting' },
      to: ['Reminded', 'Expired', 'Open', 'Waiting', 'Closed'],
      after: { '1h': 'Reminded', '2h': 'Expired' },
    },
    Reminded: {
      models: { Job: 'reminded' },
      to: ['Expired', 'Closed'],
      after: { '1h': 'Expired' },
    },
    Expired: { terminal: true, models: { Job: 'expired' } },
    Closed: { terminal: true, models: { Job: 'closed' } },
  },
});
