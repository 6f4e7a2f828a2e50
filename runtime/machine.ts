import type { ORMAdapter, Row } from './adapters/orm-adapter.js';
import { compileMachine, type CompiledMachine } from './compiled-machine.js';
import { missingInstances, prepareContext } from './context.js';
import { ContextValidationError, HandlerError, StateValidityError } from './errors.js';
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
import type { MachineConfig } from './machine-config.js';
import type { MachineTypes } from './machine-types.js';
import type { PendingAfterCommit } from './transition.js';
import { WorkflowRuntime } from './workflow.js';
import type { FreshWorkflow, Workflow } from './workflow-types.js';

export interface RunOptions<T extends MachineTypes> {
  readonly adapter: ORMAdapter;
  readonly context: T['contextInput'];
  /** Called for each afterCommit handler that throws; the commit stands. Default: console.error. */
  readonly onAfterCommitError?: (error: HandlerError) => void;
}

export interface LoadOptions<T extends MachineTypes> {
  readonly adapter: ORMAdapter;
  /** The primary model's identifier. */
  readonly id: unknown;
  readonly context?: Partial<T['contextInput']>;
  /** Rows of other models this workflow works on, keyed by model name. */
  readonly instances?: Partial<T['models']>;
  readonly onAfterCommitError?: (error: HandlerError) => void;
}

/** A handler, or a handler with its options, for `Machine.state`. */
export type HandlerEntry<F> =
  F | { readonly handler: F; readonly order?: number; readonly name?: string };

export interface StateHandlers<T extends MachineTypes> {
  readonly preTransition?: readonly HandlerEntry<PreTransitionHandler<T>>[];
  readonly validators?: readonly HandlerEntry<ValidatorHandler<T>>[];
  readonly hooks?: readonly HandlerEntry<HookHandler<T>>[];
  readonly afterCommit?: readonly HandlerEntry<AfterCommitHandler<T>>[];
  readonly transition?: HandlerEntry<TransitionHandler<T>>;
}

export interface Machine<T extends MachineTypes> {
  readonly name: string;
  readonly config: MachineConfig;
  /** Starts a new workflow: commits when `fn` resolves, rolls back when it throws. */
  run<R>(options: RunOptions<T>, fn: (wf: FreshWorkflow<T>) => R | Promise<R>): Promise<R>;
  /** Continues the workflow of an existing row; its state is read from the primary model. */
  load<R>(options: LoadOptions<T>, fn: (wf: Workflow<T>) => R | Promise<R>): Promise<R>;
  preTransition(
    state: T['state'],
    fn: PreTransitionHandler<T>,
    options?: HandlerOptions,
  ): Unregister;
  validator(state: T['state'], fn: ValidatorHandler<T>, options?: HandlerOptions): Unregister;
  hook(state: T['state'], fn: HookHandler<T>, options?: HandlerOptions): Unregister;
  afterCommit(state: T['state'], fn: AfterCommitHandler<T>, options?: HandlerOptions): Unregister;
  /** Replaces the default state write for transitions into `state` (one per state). */
  transition(state: T['state'], fn: TransitionHandler<T>, options?: HandlerOptions): Unregister;
  /** Registers several handlers of one state at once. */
  state(state: T['state'], handlers: StateHandlers<T>): Unregister;
}

const defaultAfterCommitError = (error: HandlerError): void => console.error(error);

async function runAfterCommit(
  compiled: CompiledMachine,
  pending: readonly PendingAfterCommit[],
  adapter: ORMAdapter,
  context: Record<string, unknown>,
  report: (error: HandlerError) => void,
): Promise<void> {
  for (const { handler, instances, from, to } of pending) {
    try {
      await handler.fn(instances, context, { machine: compiled.name, from, to, adapter });
    } catch (error) {
      report(new HandlerError(compiled.name, 'afterCommit', handler.name, from, to, error));
    }
  }
}

async function inTransaction<R>(
  compiled: CompiledMachine,
  adapter: ORMAdapter,
  start: (tx: ORMAdapter) => Promise<WorkflowRuntime>,
  fn: (wf: WorkflowRuntime) => R | Promise<R>,
  onAfterCommitError: ((error: HandlerError) => void) | undefined,
  demandInstances: boolean,
): Promise<R> {
  let workflow: WorkflowRuntime | undefined;
  const result = await adapter.transaction(async (tx) => {
    const wf = (workflow = await start(tx));
    try {
      const value = await fn(wf);
      const missing = demandInstances ? missingInstances(compiled.config, wf.instanceTable) : [];
      if (missing.length > 0) throw new ContextValidationError(compiled.name, missing);
      return value;
    } finally {
      wf.close();
    }
  });
  if (workflow && workflow.pendingAfterCommit.length > 0) {
    const report = onAfterCommitError ?? defaultAfterCommitError;
    await runAfterCommit(compiled, workflow.pendingAfterCommit, adapter, workflow.context, report);
  }
  return result;
}

function register<F extends (...args: any[]) => unknown>(
  compiled: CompiledMachine,
  state: string,
  phase: Phase,
  entry: HandlerEntry<F>,
): Unregister {
  if (!(state in compiled.config.states)) {
    throw new Error(
      `${compiled.name}: cannot register a ${phase} handler on unknown state '${state}'`,
    );
  }
  if (typeof entry === 'function') return compiled.registry.add(state, phase, entry);
  const options = {
    ...(entry.order !== undefined && { order: entry.order }),
    ...(entry.name !== undefined && { name: entry.name }),
  };
  return compiled.registry.add(state, phase, entry.handler, options);
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
    async run(options, fn) {
      const prepared = await prepareContext(config, options.context, true);
      const start = async (tx: ORMAdapter) =>
        new WorkflowRuntime(compiled, tx, null, prepared.values, prepared.instances);
      return inTransaction(
        compiled,
        options.adapter,
        start,
        fn as never,
        options.onAfterCommitError,
        true,
      );
    },
    async load(options, fn) {
      const prepared = await prepareContext(config, options.context, false);
      const { primaryModel, primary } = compiled;
      const start = async (tx: ORMAdapter) => {
        const row = await tx.get(primaryModel, { [primary.identifierField]: options.id });
        const value = row[primary.stateField];
        const state = compiled.stateByPrimaryValue.get(value as never);
        if (state === undefined) {
          throw new StateValidityError(config.name, primaryModel, options.id, value, [
            ...compiled.stateByPrimaryValue.keys(),
          ]);
        }
        const instances = {
          ...prepared.instances,
          ...(options.instances as Record<string, Row> | undefined),
          [primaryModel]: row,
        };
        return new WorkflowRuntime(compiled, tx, state, prepared.values, instances);
      };
      return inTransaction(
        compiled,
        options.adapter,
        start,
        fn as never,
        options.onAfterCommitError,
        false,
      );
    },
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
      add('preTransition', handlers.preTransition);
      add('validator', handlers.validators);
      add('hook', handlers.hooks);
      add('afterCommit', handlers.afterCommit);
      if (handlers.transition) add('transition', [handlers.transition]);
      return () => undo.forEach((u) => u());
    },
  };
}
