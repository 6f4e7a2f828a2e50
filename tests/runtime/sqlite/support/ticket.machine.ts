import { defineMachine, model } from 'state-machine-framework/dsl';
import type { Ticket } from './ticket-models.js';

// The smallest machine with a primary model whose identifier may be text, a number, a bigint or
// a Date: the transition log must find each again by the id it was logged with.
export default defineMachine({
  name: 'Ticket',
  models: {
    Ticket: model<Ticket>({ stateField: 'status', identifierField: 'ticketId' }),
  },
  states: {
    Open: { start: true, models: { Ticket: 'open' }, to: ['Closed'] },
    Closed: { terminal: true, models: { Ticket: 'closed' } },
  },
});
