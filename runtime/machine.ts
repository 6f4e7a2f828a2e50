import type { ORMAdapter, ReadOptions } from './orm-adapter.js';
import { compileMachine, type CompiledMachine } from './compiled-machine.js';
import { UsageError, type HandlerError } from './errors.js';
import type {
  AfterCommitHandler,
  HandlerOptions,
  HookHandler,
  Phase,
  PreTransitionHandler,
  TransitionHandler,
  Unregister,
  ValidatorHandler,
} from './handlers.js';
import type { InstanceTable } from './context-input.js';
import { givenInstances, loadStart, runStart } from './load-rows.js';
import type { MachineConfig } from './machine-config.js';
import type { MachineTypes } from './machine-types.js';
import { readHistory, type HistoryOptions, type LoggedTransition } from './persisted-history.js';
import { checkLock, checkRetry, withRetry, type RetryOptions } from './retry.js';
import { assertShellArguments, runInTransaction, type ShellOptions } from './workflow-shell.js';
import type { FreshWorkflow, Workflow } from './workflow-types.js';

interface CommonOptions {
  readonly adapter: ORMAdapter;
  /** Called for each afterCommit handler that throws; the commit stands. Default: console.error. */
  readonly onAfterCommitError?: (error: HandlerError) => void;
}

/** `run`'s options: the adapter, and the context (required when it has a required entry). */
export type RunOptions<T extends MachineTypes> = CommonOptions & T['contextOption'];

/** `load`'s options: the primary row's id, the context as for `run`, other rows if you have them. */
export type LoadOptions<T extends MachineTypes> = CommonOptions &
  T['contextOption'] & {
    /** The primary model's identifier. */
    readonly id: unknown;
    /** Rows of other models this workflow works on, keyed by model name (re-read before written). */
    readonly instances?: Partial<T['models']>;
    /**
     * Run the callback again, in a fresh transaction, when the workflow meets a conflict
     * (`ConcurrentTransitionError`, or an adapter's serialization failure or deadlock).
     */
    readonly retry?: RetryOptions;
    /**
     * On a server database the rows `load` reads are locked until the workflow ends (`SELECT … FOR
     * UPDATE`), so two loads of one workflow run one after the other. `'nowait'` fails at once
     * with `ConcurrentTransitionError` (a `DatabaseConflictError`) when another holds the lock.
     * Default `'wait'`.
     */
    readonly lock?: 'wait' | 'nowait';
  };

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

export interface Machine<T extends MachineTypes> {
  readonly name: string;
  readonly config: MachineConfig;
  /** Starts a new workflow: commits when `fn` resolves, rolls back when it throws. */
  run<R>(options: RunOptions<T>, fn: (wf: FreshWorkflow<T>) => R | Promise<R>): Promise<R>;
  /** Continues the workflow of an existing row; its state is read from the primary model. */
  load<R>(options: LoadOptions<T>, fn: (wf: Workflow<T>) => R | Promise<R>): Promise<R>;
  /** One entity's steps from the adapter's persisted transition log, oldest first. */
  history(options: HistoryOptions): Promise<LoggedTransition<T>[]>;
  preTransition<S extends T['state']>(
    state: S,
    fn: PreTransitionHandler<T, S>,
    options?: HandlerOptions,
  ): Unregister;
  validator<S extends T['state']>(
    state: S,
    fn: ValidatorHandler<T, S>,
    options?: HandlerOptions,
  ): Unregister;
  hook<S extends T['state']>(state: S, fn: HookHandler<T, S>, options?: HandlerOptions): Unregister;
  afterCommit<S extends T['state']>(
    state: S,
    fn: AfterCommitHandler<T, S>,
    options?: HandlerOptions,
  ): Unregister;
  /** Replaces the default state write for transitions into `state` (one per state). */
  transition<S extends T['state']>(
    state: S,
    fn: TransitionHandler<T, S>,
    options?: HandlerOptions,
  ): Unregister;
  /** Registers several handlers of one state at once. */
  state<S extends T['state']>(state: S, handlers: StateHandlers<T, S>): Unregister;
}

function register<F extends (...args: any[]) => unknown>(
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

/** Binds a machine description to its generated types. Generated modules call this. */
export function createMachine<T extends MachineTypes>(config: MachineConfig): Machine<T> {
  const compiled = compileMachine(config);
  const on =
    (phase: Phase) =>
    (state: string, fn: (...args: any[]) => unknown, options: HandlerOptions = {}): Unregister =>
      register(compiled, state, phase, { handler: fn, ...options });

  return {
    name: config.name,
    config,
    run(options, fn) {
      try {
        assertShellArguments(compiled, 'run', options, fn);
      } catch (error) {
        return Promise.reject(error);
      }
      const shell = {
        compiled,
        options: options as ShellOptions,
        demandInstances: true,
        start: async (_tx: ORMAdapter, values: Record<string, unknown>, instances: InstanceTable) =>
          runStart(values, instances),
      } as const;
      return runInTransaction(shell, fn as never);
    },
    load(options, fn) {
      try {
        assertShellArguments(compiled, 'load', options, fn);
      } catch (error) {
        return Promise.reject(error);
      }
      const id: unknown = (options as { id?: unknown }).id;
      if (id === undefined || id === null) {
        return Promise.reject(
          new UsageError(
            `${compiled.name}.load: options.id must be the ${compiled.primaryModel}'s ${compiled.primary.identifierField}, got ${String(id)}`,
            { machine: compiled.name },
          ),
        );
      }
      let passed: ReturnType<typeof givenInstances>;
      let retry: RetryOptions | undefined;
      let lock: ReadOptions;
      try {
        passed = givenInstances(compiled, (options as { instances?: unknown }).instances);
        retry = checkRetry(compiled, (options as { retry?: unknown }).retry);
        lock = checkLock(compiled, (options as { lock?: unknown }).lock);
      } catch (error) {
        return Promise.reject(error);
      }
      const shell = {
        compiled,
        options: options as ShellOptions,
        demandInstances: false,
        start: (tx: ORMAdapter, values: Record<string, unknown>, fromContext: InstanceTable) =>
          loadStart(compiled, tx, id, values, { ...fromContext, ...passed }, lock),
      } as const;
      const once = () => runInTransaction(shell, fn as never) as Promise<never>;
      return retry === undefined ? once() : withRetry(retry, once);
    },
    history: (options) => readHistory(compiled, options) as Promise<never>,
    preTransition: on('preTransition'),
    validator: on('validator'),
    hook: on('hook'),
    afterCommit: on('afterCommit'),
    transition: on('transition'),
    state(state, handlers) {
      const undo: Unregister[] = [];
      const add = (
        phase: Phase,
        entries: readonly HandlerEntry<(...args: any[]) => unknown>[] = [],
      ) => {
        for (const entry of entries) undo.push(register(compiled, state, phase, entry));
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
    },
  };
}
