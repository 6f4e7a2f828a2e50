import type { HistoryEntry, HistorySummary } from './history.js';
import type { Instances, MachineTypes, TransitionData } from './machine-types.js';
import type { RejectionReason } from './errors.js';

export type TransitionCheck =
  { readonly ok: true } | { readonly ok: false; readonly reasons: readonly RejectionReason[] };

interface WorkflowBase<T extends MachineTypes> {
  readonly machine: string;
  /** Handlers' view of the context; `instanceOf` entries follow the workflow's instances. */
  readonly context: T['context'];
  readonly instances: Instances<T>;
  readonly history: readonly HistoryEntry<T>[];
  historySummary(): HistorySummary;
}

/**
 * A workflow in state `S`. `transitionTo` accepts only the targets of `S` and resolves to the
 * handle of the new state; with `S` a union (a loaded workflow), `is` narrows it.
 */
export interface Workflow<
  T extends MachineTypes,
  S extends string = T['state'],
> extends WorkflowBase<T> {
  readonly state: S;
  is<Q extends T['state']>(state: Q): this is Workflow<T, Q>;
  transitionTo<To extends T['transitions'][S]>(
    to: To,
    data?: TransitionData<T>,
  ): Promise<Workflow<T, To>>;
  /** Runs pre-transition handlers and validators without writing anything. */
  canTransitionTo(to: T['transitions'][S], data?: TransitionData<T>): Promise<TransitionCheck>;
}

/** A workflow that has not entered any state yet: only start states are legal targets. */
export interface FreshWorkflow<T extends MachineTypes> extends WorkflowBase<T> {
  readonly state: null;
  is(state: T['state']): boolean;
  transitionTo<To extends T['start']>(to: To, data?: TransitionData<T>): Promise<Workflow<T, To>>;
  canTransitionTo(to: T['start'], data?: TransitionData<T>): Promise<TransitionCheck>;
}
