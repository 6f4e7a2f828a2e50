import type { CompiledMachine } from './compiled-machine.js';
import { UsageError } from './errors.js';
import type {
  AfterCommitHandler,
  HookHandler,
  Phase,
  PreTransitionHandler,
  TransitionHandler,
  Unregister,
  ValidatorHandler,
} from './handlers.js';
import type { MachineTypes } from './machine-types.js';

/** A handler, or a handler with its options, for `Machine.state`. */
export type HandlerEntry<F> =
  F | { readonly handler: F; readonly order?: number; readonly name?: string };

export interface StateHandlers<T extends MachineTypes, S extends T['state'] = T['state']> {
  readonly preTransition?: readonly HandlerEntry<PreTransitionHandler<T, S>>[];
  readonly validators?: readonly HandlerEntry<ValidatorHandler<T, S>>[];
  readonly hooks?: readonly HandlerEntry<HookHandler<T, S>>[];
  readonly afterCommit?: readonly HandlerEntry<AfterCommitHandler<T, S>>[];
  readonly transition?: HandlerEntry<TransitionHandler<T, S>>;
}

/** Registers one handler of `state` for `phase`, after checking the state and the handler. */
export function registerHandler<F extends (...args: any[]) => unknown>(
  compiled: CompiledMachine,
  state: string,
  phase: Phase,
  entry: HandlerEntry<F>,
): Unregister {
  if (typeof state !== 'string' || !Object.hasOwn(compiled.config.states, state)) {
    throw new UsageError(
      `${compiled.name}: cannot register a ${phase} handler on unknown state '${String(state)}' (states: ${Object.keys(compiled.config.states).join(', ')})`,
      { machine: compiled.name },
    );
  }
  const fn = typeof entry === 'function' ? entry : entry?.handler;
  if (typeof fn !== 'function') {
    throw new UsageError(
      `${compiled.name}: the ${phase} handler for '${state}' is not a function`,
      {
        machine: compiled.name,
      },
    );
  }
  if (typeof entry === 'function') return compiled.registry.add(state, phase, entry);
  const options = {
    ...(entry.order !== undefined && { order: entry.order }),
    ...(entry.name !== undefined && { name: entry.name }),
  };
  return compiled.registry.add(state, phase, fn, options);
}

/** Registers several handlers of one state at once; if one is refused, none stays registered. */
export function registerStateHandlers<T extends MachineTypes, S extends T['state']>(
  compiled: CompiledMachine,
  state: S,
  handlers: StateHandlers<T, S>,
): Unregister {
  const undo: Unregister[] = [];
  const add = (
    phase: Phase,
    entries: readonly HandlerEntry<(...args: any[]) => unknown>[] = [],
  ) => {
    for (const entry of entries) undo.push(registerHandler(compiled, state, phase, entry));
  };
  try {
    add('preTransition', handlers.preTransition);
    add('validator', handlers.validators);
    add('hook', handlers.hooks);
    add('afterCommit', handlers.afterCommit);
    if (handlers.transition) add('transition', [handlers.transition]);
  } catch (error) {
    undo.forEach((u) => u());
    throw error;
  }
  return () => undo.forEach((u) => u());
}
