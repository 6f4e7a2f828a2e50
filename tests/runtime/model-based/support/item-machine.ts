// A small machine in the shape smf-gen emits, built for the model-based tests. Item is primary;
// Note (no versionField) and Tag (versionField) join in Active and are found on load through
// linkedBy. Draft and Active loop on themselves, Active ⇄ Paused cycles back to a value, Paused
// has a custom transition, Archived is terminal.
import {
  createMachine,
  type Machine,
  type MachineConfig,
  type Workflow,
} from 'state-machine-framework';

export interface Item {
  id: string;
  status: 'draft' | 'active' | 'paused' | 'archived';
  count: number;
}
export interface Note {
  noteId: string;
  itemId: string;
  stage: 'live' | 'held';
  count: number;
}
export interface Tag {
  tagId: string;
  itemId: string;
  stage: 'live' | 'held';
  count: number;
  version: number;
}

export type ItemState = 'Draft' | 'Active' | 'Paused' | 'Archived';
export const ITEM_STATES: readonly ItemState[] = ['Draft', 'Active', 'Paused', 'Archived'];
export type ItemModel = 'Item' | 'Note' | 'Tag';
export const ITEM_MODELS: readonly ItemModel[] = ['Item', 'Note', 'Tag'];

export interface ItemTransitions {
  Draft: 'Draft' | 'Active' | 'Archived';
  Active: 'Active' | 'Paused' | 'Archived';
  Paused: 'Active' | 'Archived';
  Archived: never;
}
export interface ItemModels {
  Item: Item;
  Note: Note;
  Tag: Tag;
}
/** `workflow` labels a workflow of a program, so handlers find their fault in the plan. */
export interface ItemContext {
  workflow: string;
}
export type ItemContextInput = ItemContext;
export interface ItemStateInstances {
  Draft: { Item: Item; Note?: Note | undefined; Tag?: Tag | undefined };
  Active: { Item: Item; Note: Note; Tag: Tag };
  Paused: { Item: Item; Note: Note; Tag: Tag };
  Archived: { Item: Item; Note?: Note | undefined; Tag?: Tag | undefined };
}
export interface ItemTypes {
  state: ItemState;
  start: 'Draft';
  transitions: Pick<ItemTransitions, ItemState>;
  anyStateTargets: 'Active' | 'Archived';
  models: ItemModels;
  stateInstances: Pick<ItemStateInstances, ItemState>;
  context: ItemContext;
  contextInput: ItemContextInput;
  contextOption: { context: ItemContextInput };
}
export type ItemWorkflow<S extends ItemState = ItemState> = Workflow<ItemTypes, S>;

export const ITEM_CONFIG: MachineConfig = {
  name: 'Item',
  models: {
    Item: { stateField: 'status', identifierField: 'id' },
    Note: { stateField: 'stage', identifierField: 'noteId', linkedBy: 'itemId' },
    Tag: {
      stateField: 'stage',
      identifierField: 'tagId',
      linkedBy: 'itemId',
      versionField: 'version',
    },
  },
  states: {
    Draft: { models: { Item: 'draft' }, to: ['Draft', 'Active', 'Archived'], start: true },
    Active: {
      models: { Item: 'active', Note: 'live', Tag: 'live' },
      to: ['Active', 'Paused', 'Archived'],
    },
    Paused: { models: { Item: 'paused', Note: 'held', Tag: 'held' }, to: ['Active', 'Archived'] },
    Archived: { models: { Item: 'archived' }, to: [], terminal: true },
  },
  context: { workflow: { kind: 'value', required: true, type: 'string' } },
};

/** What each state maps, as the reference model reads it (no runtime code involved). */
export const STATE_VALUES: Readonly<Record<ItemState, Partial<Record<ItemModel, string>>>> = {
  Draft: { Item: 'draft' },
  Active: { Item: 'active', Note: 'live', Tag: 'live' },
  Paused: { Item: 'paused', Note: 'held', Tag: 'held' },
  Archived: { Item: 'archived' },
};
export const TARGETS: Readonly<Record<ItemState | 'new', readonly ItemState[]>> = {
  new: ['Draft'],
  Draft: ['Draft', 'Active', 'Archived'],
  Active: ['Active', 'Paused', 'Archived'],
  Paused: ['Active', 'Archived'],
  Archived: [],
};
/** States with a registered custom transition and with afterCommit handlers. */
export const CUSTOM_TRANSITION_STATES: readonly ItemState[] = ['Paused'];
export const AFTER_COMMIT_STATES: readonly ItemState[] = ['Active', 'Archived'];

export function createItemMachine(): Machine<ItemTypes> {
  return createMachine<ItemTypes>(ITEM_CONFIG);
}
