import type {
  AfterCommitHandler,
  HandlerOptions,
  HookHandler,
  PreTransitionHandler,
  TransitionHandler,
  Unregister,
  ValidatorHandler,
} from './handlers.js';
import type { StateHandlers } from './handler-registration.js';
import type { MachineConfig } from './machine-config.js';
import type { MachineTypes } from './machine-types.js';
import type { HistoryOptions, LoggedTransition } from './persisted-history.js';
import type { CountByStateOptions, FindOptions, PrimaryRow } from './query-types.js';
import type {
  DueTimersResult,
  RunDueTimersOptions,
  StopTimerWorker,
  TimerWorkerOptions,
} from './timer-types.js';
import type { LoadOptions, RunOptions } from './workflow-options.js';
import type { FreshWorkflow, Workflow } from './workflow-types.js';

/** A machine bound to its generated types: starts and continues workflows, takes handlers. */
export interface Machine<T extends MachineTypes> {
  readonly name: string;
  readonly config: MachineConfig;
  /** Starts a new workflow: commits when `fn` resolves, rolls back when it throws. */
  run<R>(options: RunOptions<T>, fn: (wf: FreshWorkflow<T>) => R | Promise<R>): Promise<R>;
  /** Continues the workflow of an existing row; its state is read from the primary model. */
  load<R>(options: LoadOptions<T>, fn: (wf: Workflow<T>) => R | Promise<R>): Promise<R>;
  /** One entity's steps from the adapter's persisted transition log, oldest first. */
  history(options: HistoryOptions): Promise<LoggedTransition<T>[]>;
  /**
   * The primary model's rows in `state` (one state, a list, or every state when absent), ordered
   * by identifier, at most `limit` (default 100, at most 1000) after the identifier `after`.
   */
  find(options: FindOptions<T>): Promise<PrimaryRow<T>[]>;
  /** How many primary rows are in each state (0 for none): one grouped query on SQL adapters. */
  countByState(options: CountByStateOptions): Promise<Record<T['state'], number>>;
  /**
   * Fires the machine's due durable timers: claims up to `limit` (default 100) whose due time is
   * at or before `now` (default: the current time), then moves each entity still in the timer's
   * state to the timer's target through the normal transition, each in a transaction of its own
   * (handlers see `meta.timer`). At most once per timer, however many workers call it at once; a
   * failed or rejected firing stays due after a backoff, with its attempt and error counted.
   */
  runDueTimers(options: RunDueTimersOptions<T>): Promise<DueTimersResult<T>>;
  /** Calls `runDueTimers` now and every `intervalMs` after; the function returned stops it. */
  startTimerWorker(options: TimerWorkerOptions<T>): StopTimerWorker;
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
