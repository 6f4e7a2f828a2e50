import type { HistoryEntry, HistorySummary } from './history.js';
import type { Instances, MachineTypes, TransitionData } from './machine-types.js';
import type { RejectionReason } from './errors.js';

/** `transitionTo`'s third argument. */
export interface TransitionOptions {
  /**
   * Who or why, kept with the step in the history and the persisted transition log (as JSON:
   * plain objects, arrays, strings, finite numbers, booleans and null).
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export type TransitionCheck =
  { readonly ok: true } | { readonly ok: false; readonly reasons: readonly RejectionReason[] };

interface WorkflowBase<T extends MachineTypes> {
  readonly machine: string;
  /** Handlers' view of the context; `instanceOf` entries follow the workflow's instances. */
  readonly context: T['context'];
  readonly history: readonly HistoryEntry<T>[];
  historySummary(): HistorySummary;
}

/**
 * The handle of a workflow in state `S`. `transitionTo` accepts only the targets of `S` and
 * resolves to the handle of the new state; this handle then refuses to move the workflow.
 */
export interface StateWorkflow<
  T extends MachineTypes,
  S extends T['state'],
> extends WorkflowBase<T> {
  readonly state: S;
  /** The models `S` maps are there; others may be. */
  readonly instances: T['stateInstances'][S];
  is<Q extends T['state']>(state: Q): this is StateWorkflow<T, Q>;
  transitionTo<To extends T['transitions'][S]>(
    to: To,
    data?: TransitionData<T>,
    options?: TransitionOptions,
  ): Promise<StateWorkflow<T, To>>;
  /** Runs pre-transition handlers and validators without writing anything. */
  canTransitionTo(to: T['transitions'][S], data?: TransitionData<T>): Promise<TransitionCheck>;
}

/** What a workflow in any of several states may do before it is narrowed. */
export interface AnyStateMoves<T extends MachineTypes> {
  transitionTo<To extends T['anyStateTargets']>(
    to: To,
    data?: TransitionData<T>,
    options?: TransitionOptions,
  ): Promise<StateWorkflow<T, To>>;
  canTransitionTo(to: T['anyStateTargets'], data?: TransitionData<T>): Promise<TransitionCheck>;
}

/**
 * A workflow in one of the states `S` (a loaded one: any state). Until it is narrowed — with
 * `is()`, or a `switch` on `state` — it accepts only targets legal from every state it may be in.
 */
export type Workflow<T extends MachineTypes, S extends T['state'] = T['state']> = {
  [K in S]: AnyStateMoves<T> & StateWorkflow<T, K>;
}[S];

/** A workflow that has not entered any state yet: only start states are legal targets. */
export interface FreshWorkflow<T extends MachineTypes> extends WorkflowBase<T> {
  readonly state: null;
  readonly instances: Instances<T>;
  is(state: T['state']): boolean;
  transitionTo<To extends T['start']>(
    to: To,
    data?: TransitionData<T>,
    options?: TransitionOptions,
  ): Promise<StateWorkflow<T, To>>;
  canTransitionTo(to: T['start'], data?: TransitionData<T>): Promise<TransitionCheck>;
}
