import type { ORMAdapter } from './adapters/orm-adapter.js';
import type { Instances, MachineTypes, TransitionData } from './machine-types.js';

/** What every handler receives besides its data: where the transition is and the open transaction. */
export interface HandlerMeta<T extends MachineTypes> {
  readonly machine: string;
  readonly from: T['state'] | null;
  readonly to: T['state'];
  /** The transition's own transaction (the outer adapter for afterCommit handlers). */
  readonly adapter: ORMAdapter;
}

/** A custom transition replaces the default state write; it may still call `writeState`. */
export interface TransitionMeta<T extends MachineTypes> extends HandlerMeta<T> {
  readonly data: TransitionData<T>;
  /** Performs the default write (create or compare-and-set update) for every model of the target. */
  writeState(): Promise<void>;
  /** Records a model's row after the handler wrote it itself. */
  setInstance<M extends keyof T['models'] & string>(model: M, row: T['models'][M]): void;
}

export type PreTransitionHandler<T extends MachineTypes> = (
  data: TransitionData<T>,
  context: T['context'],
  meta: HandlerMeta<T>,
) => unknown;
export type ValidatorHandler<T extends MachineTypes> = (
  data: Readonly<TransitionData<T>>,
  context: Readonly<T['context']>,
  meta: HandlerMeta<T>,
) => unknown;
export type HookHandler<T extends MachineTypes> = (
  instances: T['models'],
  context: T['context'],
  meta: HandlerMeta<T>,
) => unknown;
export type AfterCommitHandler<T extends MachineTypes> = HookHandler<T>;
export type TransitionHandler<T extends MachineTypes> = (
  instances: Instances<T>,
  context: T['context'],
  meta: TransitionMeta<T>,
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
  #anonymous = 0;

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
    if (phase === 'transition' && list.length > 0) list.length = 0;
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
