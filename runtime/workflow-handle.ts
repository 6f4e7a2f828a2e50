import type { HistoryEntry, HistorySummary } from './history.js';
import { summarizeHistory } from './history.js';
import type { TransitionCheck } from './workflow-types.js';
import type { WorkflowCore } from './workflow.js';

/**
 * What a caller holds: a workflow in one state. `transitionTo` resolves to the handle of the new
 * state; this one then refuses to move the workflow (it would be moving it from a state it left).
 * Context, instances and history are the workflow's own, shared by all its handles and live.
 */
export class WorkflowHandle {
  readonly #core: WorkflowCore;
  readonly state: string | null;

  constructor(core: WorkflowCore, state: string | null) {
    this.#core = core;
    this.state = state;
  }

  get machine(): string {
    return this.#core.workflow.machine;
  }

  get context(): Record<string, unknown> {
    return this.#core.workflow.context;
  }

  get instances(): Readonly<Record<string, unknown>> {
    return this.#core.workflow.instanceTable;
  }

  get history(): readonly HistoryEntry[] {
    return this.#core.workflow.historyEntries;
  }

  is(state: string): boolean {
    return this.state === state;
  }

  historySummary(): HistorySummary {
    const core = this.#core;
    const { machine, state, historyEntries } = core.workflow;
    return summarizeHistory(machine, core.initialState, state, historyEntries);
  }

  transitionTo(to: string, data?: unknown, options?: unknown): Promise<WorkflowHandle> {
    return this.#core.transition(this.state, to, data, options) as Promise<WorkflowHandle>;
  }

  canTransitionTo(to: string, data?: unknown): Promise<TransitionCheck> {
    return this.#core.check(this.state, to, data);
  }
}

export const handleOf = (core: WorkflowCore, state: string): WorkflowHandle =>
  new WorkflowHandle(core, state);
