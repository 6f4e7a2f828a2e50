import type { ORMAdapter, Row, TransitionLogEntry } from './adapters/orm-adapter.js';
import {
  HandlerError,
  StateMachineError,
  TransitionRejectedError,
  type HandlerStage,
  type RejectionReason,
} from './errors.js';
import type { RegisteredHandler, StateHandlerLists } from './handlers.js';
import type { HistoryEntry } from './history.js';
import { readOnlyView } from './read-only-view.js';
import { syncOpsOf } from './savepoint.js';
import { writeStateSteps, type StateWriter } from './state-write.js';
import { drive, driveAsync, isThenable, type Steps } from './step-driver.js';
import type { WorkflowRuntime } from './workflow.js';

/*
 * Steps 2 to 6 of a transition as step sequences (see step-driver.ts): a handler's result or an
 * adapter call's is yielded when it is a thenable, so the same code runs synchronously on an
 * adapter with synchronous operations and asynchronously from the first thenable on. A part
 * sequence is driven on its own and only its promise, if any, yielded: delegating with `yield*`
 * costs on every step even when nothing waits.
 */

export function copyData(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const model of Object.keys(data)) {
    const fields = data[model];
    copy[model] = typeof fields === 'object' && fields !== null ? { ...fields } : fields;
  }
  return copy;
}

/** A handler's failure as the transition reports it: runtime errors as they are, others wrapped. */
function handlerFailure(
  wf: WorkflowRuntime,
  stage: HandlerStage,
  handler: RegisteredHandler,
  meta: { readonly from: string | null; readonly to: string },
  error: unknown,
): unknown {
  if (error instanceof StateMachineError) return error;
  return new HandlerError(wf.machine, stage, handler.name, meta.from, meta.to, error);
}

/** Steps 2 and 3: pre-transition handlers may change data and context; validators only read. */
export function* prepareAndValidate(
  wf: WorkflowRuntime,
  tx: ORMAdapter,
  to: string,
  handlers: StateHandlerLists,
  data: Record<string, unknown>,
  results: Record<string, unknown>,
): Steps<RejectionReason[]> {
  const meta = { machine: wf.machine, from: wf.state, to, adapter: tx };
  for (const pre of handlers.preTransition) {
    try {
      const result = pre.fn(data, wf.context, meta);
      results[pre.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'preTransition', pre, meta, error);
    }
  }
  const reasons: RejectionReason[] = [];
  const validators = handlers.validator;
  if (validators.length === 0) return reasons;
  const dataView = readOnlyView(data, 'transition data');
  const contextView = wf.contextView;
  for (const validator of validators) {
    try {
      const result = validator.fn(dataView, contextView, meta);
      results[validator.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reasons.push({ handler: validator.name, message, error });
    }
  }
  return reasons;
}

/** Step 4's default: per model the target maps, create the row or update it by compare-and-set. */
function defaultWrite(
  wf: WorkflowRuntime,
  db: StateWriter,
  to: string,
  data: Record<string, unknown>,
): Steps<void> {
  const loaded = wf.initialState !== null;
  return writeStateSteps(wf.compiled, db, wf.instanceTable, wf.state, to, data, loaded);
}

/** What a custom transition handler gets: the default write on demand, and a way to set rows. */
function transitionMeta(
  wf: WorkflowRuntime,
  tx: ORMAdapter,
  db: StateWriter,
  to: string,
  data: Record<string, unknown>,
) {
  return {
    machine: wf.machine,
    from: wf.state,
    to,
    adapter: tx,
    data,
    writeState: () => driveAsync(defaultWrite(wf, db, to, data)),
    setInstance: (model: string, row: Row) => void (wf.instanceTable[model] = { ...row }),
  };
}

/** Step 6's entry in the persisted transition log. */
function logEntryOf(wf: WorkflowRuntime, entry: HistoryEntry): TransitionLogEntry {
  const { compiled } = wf;
  return {
    machine: wf.machine,
    entityId: wf.instanceTable[compiled.primaryModel]?.[compiled.primary.identifierField],
    seq: wf.historyEntries.length + 1,
    from: entry.from,
    to: entry.to,
    at: entry.at,
    metadata: entry.results,
  };
}

/** Steps 2 to 6 inside the transition's own savepoint; afterCommit work is queued for step 7. */
export function* transitionSteps(
  wf: WorkflowRuntime,
  tx: ORMAdapter,
  to: string,
  handlers: StateHandlerLists,
  input: Record<string, unknown>,
): Steps<void> {
  const started = performance.now();
  const from = wf.state;
  const data = copyData(input);
  const results: Record<string, unknown> = {};
  const db = syncOpsOf(tx) ?? tx;
  // Most transitions have neither; skipping the sub-sequence saves a generator per transition.
  if (handlers.preTransition.length > 0 || handlers.validator.length > 0) {
    const checked = drive(prepareAndValidate(wf, tx, to, handlers, data, results));
    const reasons = isThenable(checked) ? ((yield checked) as RejectionReason[]) : checked;
    if (reasons.length > 0) throw new TransitionRejectedError(wf.machine, from, to, reasons);
  }
  const custom = handlers.transition[0];
  if (custom) {
    const meta = transitionMeta(wf, tx, db, to, data);
    try {
      const result = custom.fn(wf.instanceTable, wf.context, meta);
      results[custom.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'transition', custom, meta, error);
    }
  } else {
    const written = drive(defaultWrite(wf, db, to, data));
    if (isThenable(written)) yield written;
  }
  wf.state = to;

  const meta = { machine: wf.machine, from, to, adapter: tx };
  for (const hook of handlers.hook) {
    try {
      const result = hook.fn(wf.instanceTable, wf.context, meta);
      results[hook.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'hook', hook, meta, error);
    }
  }
  const at = new Date();
  const entry = { from, to, at, durationMs: performance.now() - started, results };
  if (tx.recordTransition) {
    const logEntry = logEntryOf(wf, entry);
    const recorded = db.recordTransition
      ? db.recordTransition(logEntry)
      : tx.recordTransition(logEntry);
    if (isThenable(recorded)) yield recorded;
  }
  wf.historyEntries.push(entry);
  for (const handler of handlers.afterCommit) {
    wf.pendingAfterCommit.push({ handler, instances: { ...wf.instanceTable }, from, to });
  }
}
