import type { ORMAdapter } from './adapters/orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { createContextObject, type InstanceTable } from './context.js';
import { StateMachineError } from './errors.js';
import { readOnlyView } from './read-only-view.js';
import { summarizeHistory, type HistoryEntry, type HistorySummary } from './history.js';
import { checkTransition, performTransition, type PendingAfterCommit } from './transition.js';
import type { TransitionCheck } from './workflow-types.js';

const settled = Promise.resolve();

/**
 * The one object behind every typed handle of a workflow. A transition returns this same object,
 * typed as the new state's handle; its `state` is always the live one.
 */
export class WorkflowRuntime {
  readonly machine: string;
  readonly compiled: CompiledMachine;
  readonly initialState: string | null;
  readonly context: Record<string, unknown>;
  state: string | null;
  adapter: ORMAdapter;
  instanceTable: InstanceTable;
  readonly historyEntries: HistoryEntry[] = [];
  readonly pendingAfterCommit: PendingAfterCommit[] = [];
  #busy = false;
  #contextView: Record<string, unknown> | undefined;
  #closed = false;

  constructor(
    compiled: CompiledMachine,
    adapter: ORMAdapter,
    state: string | null,
    values: Record<string, unknown>,
    instances: InstanceTable,
  ) {
    this.compiled = compiled;
    this.machine = compiled.name;
    this.adapter = adapter;
    this.state = state;
    this.initialState = state;
    this.instanceTable = instances;
    this.context = createContextObject(compiled.config, values, () => this.instanceTable);
  }

  get instances(): Readonly<InstanceTable> {
    return this.instanceTable;
  }

  get history(): readonly HistoryEntry[] {
    return this.historyEntries;
  }

  is(state: string): boolean {
    return this.state === state;
  }

  historySummary(): HistorySummary {
    return summarizeHistory(this.machine, this.initialState, this.state, this.historyEntries);
  }

  transitionTo(to: string, data?: Record<string, unknown>): Promise<this> {
    try {
      this.#claim();
    } catch (error) {
      return Promise.reject(error);
    }
    let outcome: void | Promise<void>;
    try {
      outcome = performTransition(this, to, data ?? {});
    } catch (error) {
      outcome = Promise.reject(error);
    }
    // Settling through a reaction, even when the transition finished synchronously, keeps the
    // workflow busy until the caller can see the result: an overlapping call is refused either way.
    return (outcome ?? settled).then(this.#finish, this.#fail);
  }

  async canTransitionTo(to: string, data?: Record<string, unknown>): Promise<TransitionCheck> {
    this.#claim();
    try {
      return await checkTransition(this, to, data ?? {});
    } finally {
      this.#busy = false;
    }
  }

  /** The read-only view of the context validators get; it reads through to the live context. */
  get contextView(): Record<string, unknown> {
    return (this.#contextView ??= readOnlyView(this.context, 'the workflow context'));
  }

  close(): void {
    this.#closed = true;
  }

  readonly #finish = (): this => {
    this.#busy = false;
    return this;
  };

  readonly #fail = (error: unknown): never => {
    this.#busy = false;
    throw error;
  };

  /** Marks the workflow busy, refusing a finished one or a second concurrent transition. */
  #claim(): void {
    if (this.#closed) {
      throw new StateMachineError(
        `${this.machine}: this workflow has finished; start or load a new one`,
        { machine: this.machine },
      );
    }
    if (this.#busy) {
      throw new StateMachineError(
        `${this.machine}: a transition is already running on this workflow; await it first`,
        { machine: this.machine },
      );
    }
    this.#busy = true;
  }
}
