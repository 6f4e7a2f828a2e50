import type { Row } from './adapters/orm-adapter.js';
import { restoreContext, snapshotContext } from './context.js';
import { TransitionError, type HandlerError, type RejectionReason } from './errors.js';
import type { RegisteredHandler, StateHandlerLists } from './handlers.js';
import { inSavepoint } from './savepoint.js';
import { drive, driveAsync } from './step-driver.js';
import { copyData, prepareAndValidate, transitionSteps } from './transition-steps.js';
import type { WorkflowRuntime } from './workflow.js';
import type { TransitionCheck } from './workflow-types.js';

export interface PendingAfterCommit {
  readonly handler: RegisteredHandler;
  readonly instances: Record<string, Row>;
  readonly from: string | null;
  readonly to: string;
}

/** Step 1: a fresh workflow may enter a start state; otherwise the target must be in `to`. */
function assertLegal(wf: WorkflowRuntime, to: string): void {
  const { compiled } = wf;
  const legal =
    wf.state === null ? compiled.startStates.includes(to) : compiled.targets.get(wf.state)?.has(to);
  if (legal) return;
  const allowed =
    wf.state === null ? compiled.startStates : [...(compiled.targets.get(wf.state) ?? [])];
  const why = !(to in compiled.config.states)
    ? 'no such state'
    : wf.state !== null && compiled.config.states[wf.state]?.terminal
      ? `'${wf.state}' is terminal`
      : wf.state === null
        ? 'a new workflow must enter a start state'
        : undefined;
  throw new TransitionError(wf.machine, wf.state, to, allowed, why);
}

/** Only these handlers get the mutable context; without any, a transition cannot change it. */
function mayChangeContext(handlers: StateHandlerLists): boolean {
  return (
    handlers.preTransition.length > 0 || handlers.transition.length > 0 || handlers.hook.length > 0
  );
}

interface SavedWorkflow {
  readonly state: string | null;
  readonly instances: WorkflowRuntime['instanceTable'];
  readonly context: ReturnType<typeof snapshotContext> | undefined;
  readonly history: number;
  readonly pending: number;
}

function saveWorkflow(wf: WorkflowRuntime, handlers: StateHandlerLists): SavedWorkflow {
  return {
    state: wf.state,
    instances: { ...wf.instanceTable },
    // Snapshotting the context is a large share of a bare transition's cost; skip it when unneeded.
    context: mayChangeContext(handlers) ? snapshotContext(wf.context) : undefined,
    history: wf.historyEntries.length,
    pending: wf.pendingAfterCommit.length,
  };
}

function restoreWorkflow(wf: WorkflowRuntime, saved: SavedWorkflow): void {
  wf.state = saved.state;
  wf.instanceTable = saved.instances;
  if (saved.context) restoreContext(wf.context, saved.context);
  wf.historyEntries.length = saved.history;
  wf.pendingAfterCommit.length = saved.pending;
}

/**
 * One transition, §4's seven steps. Everything runs in a nested transaction; on any failure the
 * database is rolled back to before the transition and so is the workflow's own state. On an
 * adapter with synchronous operations and with synchronous handlers it completes before returning
 * (`undefined`); otherwise, from the first thing it must wait for on, it returns a promise.
 */
export function performTransition(
  wf: WorkflowRuntime,
  to: string,
  data: Record<string, unknown>,
): void | Promise<void> {
  assertLegal(wf, to);
  const handlers = wf.compiled.registry.of(to);
  const saved = saveWorkflow(wf, handlers);
  let outcome: void | Promise<void>;
  try {
    outcome = inSavepoint(wf.adapter, (tx) => drive(transitionSteps(wf, tx, to, handlers, data)));
  } catch (error) {
    restoreWorkflow(wf, saved);
    throw error;
  }
  return outcome?.then(undefined, (error: unknown) => {
    restoreWorkflow(wf, saved);
    throw error;
  });
}

const DRY_RUN = Symbol('dry run');

/** A dry run of steps 1–3 in a savepoint that is always rolled back. */
export async function checkTransition(
  wf: WorkflowRuntime,
  to: string,
  data: Record<string, unknown>,
): Promise<TransitionCheck> {
  try {
    assertLegal(wf, to);
  } catch (error) {
    return {
      ok: false,
      reasons: [{ handler: 'transition table', message: (error as Error).message, error }],
    };
  }
  const savedContext = snapshotContext(wf.context);
  let reasons: RejectionReason[] = [];
  try {
    await wf.adapter.transaction(async (tx) => {
      const handlers = wf.compiled.registry.of(to);
      reasons = await driveAsync(prepareAndValidate(wf, tx, to, handlers, copyData(data), {}));
      throw DRY_RUN;
    });
  } catch (error) {
    if (error !== DRY_RUN) {
      restoreContext(wf.context, savedContext);
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        reasons: [{ handler: (error as HandlerError).handler ?? 'preTransition', message, error }],
      };
    }
  }
  restoreContext(wf.context, savedContext);
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
