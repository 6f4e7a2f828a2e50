import { defineMachine, model, value } from 'state-machine-framework/dsl';
import type { Item } from './models.js';

// Four states in a cycle, so one workflow can make any number of transitions.
export default defineMachine({
  name: 'Cycle',
  models: {
    Item: model<Item>({ stateField: 'status', identifierField: 'id' }),
  },
  states: {
    Draft: { start: true, models: { Item: 'draft' }, to: ['Review'] },
    Review: { models: { Item: 'review' }, to: ['Approved'] },
    Approved: { models: { Item: 'approved' }, to: ['Published'] },
    Published: { models: { Item: 'published' }, to: ['Draft'] },
  },
  context: {
    requestId: value<string>(),
  },
});
