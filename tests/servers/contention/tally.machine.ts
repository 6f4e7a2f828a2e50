import { defineMachine, model } from 'state-machine-framework/dsl';
import type { Mirror, Tally } from './models.js';

// Counting → Counting is a self-loop and Counting → Ready → Counting a cycle back to the same
// state values: the cases a compare-and-set on the state value alone cannot tell apart, so only
// the row lock load takes keeps concurrent workflows from losing each other's counts.
export default defineMachine({
  name: 'Tally',
  models: {
    Tally: model<Tally>({ stateField: 'status', identifierField: 'tallyId' }),
    Mirror: model<Mirror>({
      stateField: 'status',
      identifierField: 'mirrorId',
      linkedBy: 'tallyId',
    }),
  },
  states: {
    Ready: { start: true, models: { Tally: 'ready', Mirror: 'ready' }, to: ['Counting'] },
    Counting: { models: { Tally: 'counting', Mirror: 'counting' }, to: ['Counting', 'Ready'] },
  },
});
