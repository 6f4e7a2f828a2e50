import type { ORMAdapter } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { createContextObject } from './context-object.js';
import { StaleHandleError, StateMachineError } from './errors.js';
import { checkTransition, performTransition } from './transition.js';
import { trackTransition, type TrackedTransition } from './tracked-transition.js';
import type { WorkflowStart, WorkflowState } from './workflow-state.js';
import type { TransitionCheck } from './workflow-types.js';

const settled = Promise.resolve();
/** Shared by workflows with no rows from outside: nothing is ever added to it. */
const NO_MODELS: Set<string> = new Set();
const nativeThen = Promise.prototype.then;
const ignore = (): undefined => undefined;

/** The state a fresh or loaded workflow begins with. */
function initialWorkflowState(
  compiled: CompiledMachine,
  adapter: ORMAdapter,
  start: WorkflowStart,
): WorkflowState {
  const absent = [...start.absent];
  const state: WorkflowState = {
    machine: compiled.name,
    compiled,
    adapter,
    loaded: start.state !== null,
    context: createContextObject(compiled.config, start.values, () => state.instanceTable),
    contextView: undefined,
    state: start.state,
    instanceTable: start.instances,
    // Most workflows have neither; a set is made only for one that has some.
    unverified: start.outsideRows.size > 0 ? new Set(start.outsideRows.keys()) : NO_MODELS,
    outsideRows: start.outsideRows,
    absent: absent.length > 0 ? new Set(absent) : NO_MODELS,
    historyEntries: [],
    pendingAfterCommit: [],
  };
  return state;
}

/**
 * One workflow, shared by all its handles. A handle stands for one state; only the handle of the
 * state the workflow is in may move it on, one transition at a time. What the workflow holds is
 * its `WorkflowState`, which only the transitions it starts change.
 */
export class WorkflowCore {
  readonly initialState: string | null;
  /** What the workflow holds, read by its handles; only the transitions it starts change it. */
  readonly workflow: WorkflowState;
  readonly #handleOf: (core: WorkflowCore, state: string) => unknown;
  #busy = false;
  #closed = false;
  /** Transitions whose outcome came later than their call: settle() looks at them. */
  readonly #tracked: TrackedTransition<unknown>[] = [];
  #checking: Promise<unknown> | undefined;
  /** The promise of the last transition that finished synchronously, until settle() saw it. */
  #lastSettled: Promise<unknown> | undefined;
  /** The callback has returned: settle() has begun. */
  #returned = false;

  constructor(
    compiled: CompiledMachine,
    adapter: ORMAdapter,
    start: WorkflowStart,
    handleOf: (core: WorkflowCore, state: string) => unknown,
  ) {
    this.initialState = start.state;
    this.workflow = initialWorkflowState(compiled, adapter, start);
    this.#handleOf = handleOf;
  }

  /** Moves the workflow from `from` (the state of the handle used) to `to`. */
  transition(from: string | null, to: string, data: unknown, options?: unknown): Promise<unknown> {
    try {
      this.#claim(from, to);
    } catch (error) {
      return Promise.reject(error);
    }
    let outcome: void | Promise<void>;
    try {
      outcome = performTransition(this.workflow, to, data, options);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    // Finished synchronously: settling through a reaction keeps the workflow busy until the caller
    // can see the result, so an overlapping call is refused either way.
    if (outcome === undefined) return (this.#lastSettled = settled.then(() => this.#finish(to)));
    const tracked = trackTransition(
      outcome,
      () => this.#finish(to),
      () => this.#release(),
    );
    this.#forgetSettled();
    if (this.#returned) tracked.pendingAtReturn = true;
    this.#tracked.push(tracked);
    return tracked;
  }

  check(from: string | null, to: string, data: unknown): Promise<TransitionCheck> {
    try {
      this.#claim(from, to);
    } catch (error) {
      return Promise.reject(error);
    }
    const result = checkTransition(this.workflow, to, data).finally(() => this.#release());
    this.#checking = result;
    return result;
  }

  /**
   * Called when the workflow's callback has returned (or thrown): waits until no transition or dry
   * run it started is in flight — one that finishes may have started another — then closes the
   * workflow in the same turn, so nothing can start between the last check and the commit. It
   * rethrows (so handles) the failure of a transition still in flight when the callback returned,
   * or of an earlier one whose promise nobody looked at: the workflow must not commit without it.
   */
  settle(): Promise<void> | undefined {
    this.#returned = true;
    for (const tracked of this.#tracked) if (!tracked.done) tracked.pendingAtReturn = true;
    const pending = this.#pendingWork();
    // A callback that made no transition closes without a tick.
    if (pending === undefined) return this.#closeSettled();
    return this.#settleAsync(pending);
  }

  async #settleAsync(first: Promise<unknown>): Promise<void> {
    for (let pending: Promise<unknown> | undefined = first; pending;) {
      await pending;
      pending = this.#pendingWork();
    }
    this.#closeSettled();
  }

  #closeSettled(): undefined {
    this.close();
    for (const tracked of this.#tracked) {
      if (tracked.failure !== undefined && (tracked.pendingAtReturn || !tracked.observed)) {
        nativeThen.call(tracked, undefined, ignore);
        throw tracked.failure.error;
      }
    }
    return undefined;
  }

  /** Something still running that settle() must wait for, as a promise that never rejects. */
  #pendingWork(): Promise<unknown> | undefined {
    if (this.#checking !== undefined) return nativeThen.call(this.#checking, ignore, ignore);
    for (const tracked of this.#tracked) {
      // The native `then`, so that waiting here does not count as the caller looking.
      if (!tracked.done) return nativeThen.call(tracked, ignore, ignore);
    }
    // A transition that finished synchronously settles its promise a tick later, and whoever
    // chained on it then may start the next one: let what they chained run before closing.
    const last = this.#lastSettled;
    this.#lastSettled = undefined;
    return last === undefined ? undefined : nativeThen.call(last, ignore, ignore);
  }

  close(): void {
    this.#closed = true;
  }

  #finish(to: string): unknown {
    this.#busy = false;
    return this.#handleOf(this, to);
  }

  /** Keeps only what settle() may still need: transitions pending, or failed and unseen. */
  #forgetSettled(): void {
    const tracked = this.#tracked;
    let kept = 0;
    for (const entry of tracked) {
      if (!entry.done || (entry.failure !== undefined && !entry.observed)) tracked[kept++] = entry;
    }
    tracked.length = kept;
  }

  #release(): void {
    this.#busy = false;
    this.#checking = undefined;
  }

  /** Refuses a finished workflow, a stale handle, or a second concurrent transition. */
  #claim(from: string | null, to: string): void {
    const { machine, state } = this.workflow;
    if (this.#closed) {
      throw new StateMachineError(
        `${machine}: this workflow has finished (its run or load callback returned); start or load a new one`,
        { machine },
      );
    }
    if (this.#busy) {
      throw new StateMachineError(
        `${machine}: a transition is already running on this workflow; await it first`,
        { machine },
      );
    }
    if (from !== state) throw new StaleHandleError(machine, from, state, to);
    this.#busy = true;
  }
}
