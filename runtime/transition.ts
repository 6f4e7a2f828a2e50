import type { Row } from './orm-adapter.js';
import {
  attributeToMachine,
  TransitionError,
  type HandlerError,
  type RejectionReason,
} from './errors.js';
import type { StateHandlerLists } from './handlers.js';
import { inSavepoint } from './savepoint.js';
import { drive, driveAsync, isThenable } from './step-driver.js';
import { prepareData, transitionMetadata } from './transition-data.js';
import { transitionSteps } from './transition-steps.js';
import { restoreWorkflow, saveWorkflow } from './workflow-save.js';
import type { WorkflowState } from './workflow-state.js';
import type { TransitionCheck } from './workflow-types.js';

/** A fresh workflow may enter a start state; otherwise the target must be in `to`. */
function checkLegality(wf: WorkflowState, to: string): void {
  const { compiled } = wf;
  const known = typeof to === 'string' && Object.hasOwn(compiled.config.states, to);
  const legal =
    known &&
    (wf.state === null
      ? compiled.startStates.includes(to)
      : compiled.targets.get(wf.state)?.has(to));
  if (legal) return;
  const allowed =
    wf.state === null ? compiled.startStates : [...(compiled.targets.get(wf.state) ?? [])];
  const why = !known
    ? 'no such state'
    : wf.state !== null && compiled.config.states[wf.state]?.terminal
      ? `'${wf.state}' is terminal`
      : wf.state === null
        ? 'a new workflow must enter a start state'
        : undefined;
  throw new TransitionError(wf.machine, wf.state, String(to), allowed, why);
}

/** Handlers that get mutable context or rows; without any, a transition changes neither itself. */
function mayMutate(handlers: StateHandlerLists): boolean {
  return (
    handlers.preTransition.length > 0 || handlers.transition.length > 0 || handlers.hook.length > 0
  );
}

/**
 * One transition. Everything runs in a nested transaction; on any failure the database is rolled
 * back to before the transition and so is the workflow's own state. On an adapter with synchronous
 * operations and with synchronous handlers it completes before returning (`undefined`); otherwise,
 * from the first thing it must wait for on, it returns a promise.
 */
export function performTransition(
  wf: WorkflowState,
  to: string,
  input: unknown,
  options?: unknown,
): void | Promise<void> {
  checkLegality(wf, to);
  const data = prepareData(wf.compiled, to, input);
  const metadata = transitionMetadata(wf.compiled, to, options);
  const handlers = wf.compiled.registry.of(to);
  const saved = saveWorkflow(wf, mayMutate(handlers));
  let outcome: unknown;
  try {
    outcome = inSavepoint(wf.adapter, (tx) =>
      drive(transitionSteps(wf, tx, to, handlers, data, metadata, false)),
    );
  } catch (error) {
    restoreWorkflow(wf, saved);
    attributeToMachine(error, wf.machine, { from: saved.state, to });
    throw error;
  }
  if (!isThenable(outcome)) return undefined;
  return Promise.resolve(outcome).then(
    () => undefined,
    (error: unknown) => {
      restoreWorkflow(wf, saved);
      attributeToMachine(error, wf.machine, { from: saved.state, to });
      throw error;
    },
  );
}

const DRY_RUN = Symbol('dry run');

/** A dry run of legality, pre-transition handlers and validators in a savepoint always undone. */
export async function checkTransition(
  wf: WorkflowState,
  to: string,
  input: unknown,
): Promise<TransitionCheck> {
  let data: Record<string, Row>;
  try {
    checkLegality(wf, to);
    data = prepareData(wf.compiled, to, input);
  } catch (error) {
    return {
      ok: false,
      reasons: [{ handler: 'transition table', message: (error as Error).message, error }],
    };
  }
  const saved = saveWorkflow(wf, true);
  let reasons: RejectionReason[] = [];
  try {
    await wf.adapter.transaction(async (tx) => {
      const handlers = wf.compiled.registry.of(to);
      const steps = transitionSteps(wf, tx, to, handlers, data, {}, true);
      reasons = [...(await driveAsync(steps))];
      throw DRY_RUN;
    });
  } catch (error) {
    if (error !== DRY_RUN) {
      const message = error instanceof Error ? error.message : String(error);
      reasons = [{ handler: (error as HandlerError).handler ?? 'preTransition', message, error }];
    }
  } finally {
    restoreWorkflow(wf, saved);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
