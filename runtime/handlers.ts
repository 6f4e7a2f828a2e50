import { UsageError } from './errors.js';
import type { RegisteredAdapter, TransactionHandleOf } from './adapter-register.js';
import type { Instances, MachineTypes, TransitionData } from './machine-types.js';
import type { TimerFiring } from './timer-types.js';

/** What every handler receives besides its data: where the transition is and the open transaction. */
export interface HandlerMeta<T extends MachineTypes, S extends T['state'] = T['state']> {
  readonly machine: string;
  readonly from: T['state'] | null;
  readonly to: S;
  /**
   * The transition's own transaction: the adapter's transaction handle (typed as the `Register`ed
   * adapter's, see `Register`), so queries of your own on it commit and roll back with the
   * workflow.
   */
  readonly adapter: TransactionHandleOf<RegisteredAdapter>;
  /**
   * True while `canTransitionTo` runs pre-transition handlers and validators: whatever they write
   * is rolled back and nothing else runs.
   */
  readonly dryRun: boolean;
  /** Set only in a transition a durable timer fired (`Machine.runDueTimers`): which and why. */
  readonly timer?: TimerFiring<T>;
}

/** A custom transition replaces the default state write; it may still call `writeState`. */
export interface TransitionMeta<
  T extends MachineTypes,
  S extends T['state'] = T['state'],
> extends HandlerMeta<T, S> {
  readonly data: TransitionData<T>;
  /** Performs the default write (create or compare-and-set update) for every model of the target. */
  writeState(): Promise<void>;
  /** Records a model's row after the handler wrote it itself. */
  setInstance<M extends keyof T['models'] & string>(model: M, row: T['models'][M]): void;
}

export type PreTransitionHandler<T extends MachineTypes, S extends T['state'] = T['state']> = (
  data: TransitionData<T>,
  context: T['context'],
  meta: HandlerMeta<T, S>,
) => unknown;
export type ValidatorHandler<T extends MachineTypes, S extends T['state'] = T['state']> = (
  data: Readonly<TransitionData<T>>,
  context: Readonly<T['context']>,
  meta: HandlerMeta<T, S>,
) => unknown;
/** Hooks get the instances guaranteed once `S` is entered: the models it maps, others optional. */
export type HookHandler<T extends MachineTypes, S extends T['state'] = T['state']> = (
  instances: T['stateInstances'][S],
  context: T['context'],
  meta: HandlerMeta<T, S>,
) => unknown;
/** afterCommit handlers run after the commit: `meta.adapter` is the adapter itself, free for new work. */
export interface AfterCommitMeta<
  T extends MachineTypes,
  S extends T['state'] = T['state'],
> extends Omit<HandlerMeta<T, S>, 'adapter'> {
  readonly adapter: RegisteredAdapter;
}
export type AfterCommitHandler<T extends MachineTypes, S extends T['state'] = T['state']> = (
  instances: T['stateInstances'][S],
  context: T['context'],
  meta: AfterCommitMeta<T, S>,
) => unknown;
export type TransitionHandler<T extends MachineTypes, S extends T['state'] = T['state']> = (
  instances: Instances<T>,
  context: T['context'],
  meta: TransitionMeta<T, S>,
) => unknown;

export interface HandlerOptions {
  /** Ascending within a phase; ties keep registration order. Default 0. */
  readonly order?: number;
  /** The key of the handler's return value in history; defaults to the function's name. */
  readonly name?: string;
}

export type Unregister = () => void;

export type Phase = 'preTransition' | 'validator' | 'hook' | 'afterCommit' | 'transition';

export interface RegisteredHandler {
  readonly fn: (...args: any[]) => unknown;
  readonly order: number;
  readonly name: string;
}

/** One state's handlers, a list per phase, each kept sorted by `order` (stable). */
export type StateHandlerLists = { readonly [P in Phase]: readonly RegisteredHandler[] };

type MutableLists = { readonly [P in Phase]: RegisteredHandler[] };

/**
 * Handlers per state and phase. A transition reads all of one state's phases, so the lists are
 * grouped in one record per state: one lookup per transition instead of one per phase.
 */
export class HandlerRegistry {
  readonly #byState = new Map<string, MutableLists>();
  readonly #machine: string;
  #anonymous = 0;

  constructor(machine: string) {
    this.#machine = machine;
  }

  add(
    state: string,
    phase: Phase,
    fn: (...args: any[]) => unknown,
    options: HandlerOptions = {},
  ): Unregister {
    const handler: RegisteredHandler = {
      fn,
      order: options.order ?? 0,
      name: options.name ?? (fn.name || `${phase}#${++this.#anonymous}`),
    };
    let lists = this.#byState.get(state);
    if (!lists) this.#byState.set(state, (lists = emptyLists()));
    const list = lists[phase];
    if (phase === 'transition' && list.length > 0) {
      throw new UsageError(
        `${this.#machine}: '${state}' already has a custom transition ('${list[0]?.name}'); call the function its registration returned to unregister it first`,
        { machine: this.#machine },
      );
    }
    let at = list.length;
    while (at > 0 && (list[at - 1]?.order ?? 0) > handler.order) at--;
    list.splice(at, 0, handler);
    return () => {
      const index = list.indexOf(handler);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** The state's lists as of now (a state without handlers gets a shared empty record). */
  of(state: string): StateHandlerLists {
    return this.#byState.get(state) ?? NONE;
  }
}

function emptyLists(): MutableLists {
  return { preTransition: [], validator: [], hook: [], afterCommit: [], transition: [] };
}

const EMPTY: readonly RegisteredHandler[] = Object.freeze([]);
const NONE: StateHandlerLists = Object.freeze({
  preTransition: EMPTY,
  validator: EMPTY,
  hook: EMPTY,
  afterCommit: EMPTY,
  transition: EMPTY,
});
