import type { ORMAdapter, Row } from './adapters/orm-adapter.js';
import { restoreContext, snapshotContext } from './context.js';
import {
  HandlerError,
  StateMachineError,
  TransitionError,
  TransitionRejectedError,
  type HandlerStage,
  type RejectionReason,
} from './errors.js';
import type { RegisteredHandler } from './handlers.js';
import type { HistoryEntry } from './history.js';
import { readOnlyView } from './read-only-view.js';
import { writeState } from './state-write.js';
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

function copyData(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const model of Object.keys(data)) {
    const fields = data[model];
    copy[model] = typeof fields === 'object' && fields !== null ? { ...fields } : fields;
  }
  return copy;
}

/** Only these handlers get the mutable context; without any, a transition cannot change it. */
function mayChangeContext(wf: WorkflowRuntime, to: string): boolean {
  const { registry } = wf.compiled;
  return (
    registry.get(to, 'preTransition').length > 0 ||
    registry.get(to, 'transition').length > 0 ||
    registry.get(to, 'hook').length > 0
  );
}

async function call(
  wf: WorkflowRuntime,
  stage: HandlerStage,
  handler: RegisteredHandler,
  meta: { readonly from: string | null; readonly to: string },
  args: readonly unknown[],
): Promise<unknown> {
  try {
    return await handler.fn(...args);
  } catch (error) {
    if (error instanceof StateMachineError) throw error;
    throw new HandlerError(wf.machine, stage, handler.name, meta.from, meta.to, error);
  }
}

/** Steps 2 and 3: pre-transition handlers may change data and context; validators only read. */
async function prepareAndValidate(
  wf: WorkflowRuntime,
  tx: ORMAdapter,
  to: string,
  data: Record<string, unknown>,
  results: Record<string, unknown>,
): Promise<RejectionReason[]> {
  const { registry } = wf.compiled;
  const meta = { machine: wf.machine, from: wf.state, to, adapter: tx };
  for (const pre of registry.get(to, 'preTransition')) {
    results[pre.name] = await call(wf, 'preTransition', pre, meta, [data, wf.context, meta]);
  }
  const reasons: RejectionReason[] = [];
  const validators = registry.get(to, 'validator');
  if (validators.length === 0) return reasons;
  const dataView = readOnlyView(data, 'transition data');
  const contextView = wf.contextView;
  for (const validator of validators) {
    try {
      results[validator.name] = await validator.fn(dataView, contextView, meta);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reasons.push({ handler: validator.name, message, error });
    }
  }
  return reasons;
}

/** Steps 4 to 6 inside the transition's own savepoint; afterCommit work is queued for step 7. */
async function runSteps(
  wf: WorkflowRuntime,
  tx: ORMAdapter,
  to: string,
  input: Record<string, unknown>,
) {
  const started = performance.now();
  const from = wf.state;
  const data = copyData(input);
  const results: Record<string, unknown> = {};
  const { compiled } = wf;
  const { registry } = compiled;
  // Most transitions have neither; skipping the call saves an async frame per transition.
  if (registry.get(to, 'preTransition').length > 0 || registry.get(to, 'validator').length > 0) {
    const reasons = await prepareAndValidate(wf, tx, to, data, results);
    if (reasons.length > 0) throw new TransitionRejectedError(wf.machine, from, to, reasons);
  }

  const custom = registry.get(to, 'transition')[0];
  const loaded = wf.initialState !== null;
  const write = () => writeState(compiled, tx, wf.instanceTable, from, to, data, loaded);
  if (custom) {
    const meta = {
      machine: wf.machine,
      from,
      to,
      adapter: tx,
      data,
      writeState: write,
      setInstance: (model: string, row: Row) => void (wf.instanceTable[model] = { ...row }),
    };
    results[custom.name] = await call(wf, 'transition', custom, meta, [
      wf.instanceTable,
      wf.context,
      meta,
    ]);
  } else {
    await write();
  }
  wf.state = to;

  const meta = { machine: wf.machine, from, to, adapter: tx };
  for (const hook of registry.get(to, 'hook')) {
    results[hook.name] = await call(wf, 'hook', hook, meta, [wf.instanceTable, wf.context, meta]);
  }
  const entry: HistoryEntry = {
    from,
    to,
    at: new Date(),
    durationMs: performance.now() - started,
    results,
  };
  if (tx.recordTransition) {
    const entityId = wf.instanceTable[compiled.primaryModel]?.[compiled.primary.identifierField];
    const seq = wf.historyEntries.length + 1;
    await tx.recordTransition({
      machine: wf.machine,
      entityId,
      seq,
      from,
      to,
      at: entry.at,
      metadata: results,
    });
  }
  wf.historyEntries.push(entry);
  for (const handler of registry.get(to, 'afterCommit')) {
    wf.pendingAfterCommit.push({ handler, instances: { ...wf.instanceTable }, from, to });
  }
}

/**
 * One transition, §4's seven steps. Everything runs in a nested transaction; on any failure the
 * database is rolled back to before the transition and so is the workflow's own state.
 */
export async function performTransition(
  wf: WorkflowRuntime,
  to: string,
  data: Record<string, unknown>,
): Promise<void> {
  assertLegal(wf, to);
  const saved = {
    state: wf.state,
    instances: { ...wf.instanceTable },
    // Snapshotting the context is a large share of a bare transition's cost; skip it when unneeded.
    context: mayChangeContext(wf, to) ? snapshotContext(wf.context) : undefined,
    history: wf.historyEntries.length,
    pending: wf.pendingAfterCommit.length,
  };
  try {
    await wf.adapter.transaction((tx) => runSteps(wf, tx, to, data));
  } catch (error) {
    wf.state = saved.state;
    wf.instanceTable = saved.instances;
    if (saved.context) restoreContext(wf.context, saved.context);
    wf.historyEntries.length = saved.history;
    wf.pendingAfterCommit.length = saved.pending;
    throw error;
  }
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
      reasons = await prepareAndValidate(wf, tx, to, copyData(data), {});
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
