import { defineMachine, model, value } from 'state-machine-framework/dsl';
import type { Item, Note, Tag } from './models.js';

// The machine of the model-based tests. Item is primary; Note (no versionField) and Tag
// (versionField) join in Active and are found on load through linkedBy. Draft and Active loop on
// themselves, Active ⇄ Paused cycles back to a value, Archived is terminal.
export default defineMachine({
  name: 'Item',
  models: {
    Item: model<Item>({ stateField: 'status', identifierField: 'id' }),
    Note: model<Note>({ stateField: 'stage', identifierField: 'noteId', linkedBy: 'itemId' }),
    Tag: model<Tag>({
      stateField: 'stage',
      identifierField: 'tagId',
      linkedBy: 'itemId',
      versionField: 'version',
    }),
  },
  states: {
    Draft: { start: true, models: { Item: 'draft' }, to: ['Draft', 'Active', 'Archived'] },
    Active: {
      models: { Item: 'active', Note: 'live', Tag: 'live' },
      to: ['Active', 'Paused', 'Archived'],
    },
    Paused: { models: { Item: 'paused', Note: 'held', Tag: 'held' }, to: ['Active', 'Archived'] },
    Archived: { terminal: true, models: { Item: 'archived' } },
  },
  context: {
    // Labels a workflow of a program, so handlers find their fault in the plan.
    workflow: value<string>(),
  },
});
