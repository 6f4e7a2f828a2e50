// The Item machine (item.machine.ts) as the reference model reads it, written out here rather than
// taken from the generated module, so the model checks the runtime against an independent account.
import type { ItemState } from './item.machine.gen.js';

export type ItemModel = 'Item' | 'Note' | 'Tag';
export const ITEM_MODELS: readonly ItemModel[] = ['Item', 'Note', 'Tag'];

/** What each state maps. */
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
