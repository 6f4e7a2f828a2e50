import type { ORMAdapter, Row, TransitionRecord } from './orm-adapter.js';
import { deepCopy } from './deep-copy.js';
import { checkCustomWrite } from './custom-write-check.js';
import {
  HandlerError,
  StateMachineError,
  TransitionRejectedError,
  type HandlerStage,
  type RejectionReason,
} from './errors.js';
import { callHandler } from './handler-call.js';
import type { RegisteredHandler, StateHandlerLists } from './handlers.js';
import type { HistoryEntry } from './history.js';
import { readOnlyView } from './read-only-view.js';
import { syncOpsOf } from './savepoint.js';
import { assertDataShape } from './transition-data.js';
import { verifyOutsideRows } from './outside-rows.js';
import { writeStateSteps, type StateWriter } from './state-write.js';
import { drive, driveAsync, isThenable, type Steps } from './step-driver.js';
import type { WorkflowState } from './workflow-state.js';

/*
 * The steps of a transition as step sequences (see step-driver.ts): a handler's result or an
 * adapter call's is yielded when it is a thenable, so the same code runs synchronously on an
 * adapter with synchronous operations and asynchronously from the first thenable on. A part
 * sequence is driven on its own and only its promise, if any, yielded: delegating with `yield*`
 * costs on every step even when nothing waits.
 */

/** A handler's failure as the transition reports it: runtime errors as they are, others wrapped. */
function handlerFailure(
  wf: WorkflowState,
  stage: HandlerStage,
  handler: RegisteredHandler,
  meta: { readonly from: string | null; readonly to: string },
  error: unknown,
): unknown {
  if (error instanceof StateMachineError) return error;
  return new HandlerError(wf.machine, stage, handler.name, meta.from, meta.to, error);
}

/** Pre-transition handlers may change data and context; validators only read, and all run. */
export function* prepareAndValidate(
  wf: WorkflowState,
  tx: ORMAdapter,
  to: string,
  handlers: StateHandlerLists,
  data: Record<string, Row>,
  results: Record<string, unknown>,
  dryRun: boolean,
): Steps<RejectionReason[]> {
  const meta = { machine: wf.machine, from: wf.state, to, adapter: tx, dryRun };
  for (const pre of handlers.preTransition) {
    try {
      const result = callHandler(tx, pre.fn, data, wf.context, meta);
      results[pre.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'preTransition', pre, meta, error);
    }
  }
  const reasons: RejectionReason[] = [];
  const validators = handlers.validator;
  if (validators.length === 0) return reasons;
  const dataView = readOnlyView(data, 'transition data');
  const contextView = (wf.contextView ??= readOnlyView(wf.context, 'the workflow context'));
  for (const validator of validators) {
    try {
      const result = callHandler(tx, validator.fn, dataView, contextView, meta);
      results[validator.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reasons.push({ handler: validator.name, message, error });
    }
  }
  return reasons;
}

/** The default state write: per model the target maps, create the row or compare-and-set it. */
function defaultWrite(
  wf: WorkflowState,
  tx: ORMAdapter,
  db: StateWriter,
  to: string,
  data: Record<string, Row>,
): Steps<void> {
  return writeStateSteps(wf, tx, db, to, data);
}

/** What a custom transition handler gets: the default write on demand, and a way to set rows. */
function transitionMeta(
  wf: WorkflowState,
  tx: ORMAdapter,
  db: StateWriter,
  to: string,
  data: Record<string, Row>,
) {
  return {
    machine: wf.machine,
    from: wf.state,
    to,
    adapter: tx,
    dryRun: false,
    data,
    writeState: () => driveAsync(defaultWrite(wf, tx, db, to, data)),
    setInstance: (model: string, row: Row) => void (wf.instanceTable[model] = { ...row }),
  };
}

/** The record for the persisted transition log. */
function logRecordOf(wf: WorkflowState, entry: HistoryEntry): TransitionRecord {
  const { compiled } = wf;
  return {
    machine: wf.machine,
    entityId: wf.instanceTable[compiled.primaryModel]?.[compiled.primary.identifierField],
    from: entry.from,
    to: entry.to,
    at: entry.at,
    results: entry.results,
    metadata: entry.metadata,
  };
}

/**
 * Inside the transition's own savepoint: pre-transition handlers and validators, the state write
 * (rows from outside the transaction re-read first), hooks, the history entry and log row;
 * afterCommit work is queued for when the outermost transaction commits.
 */
export function* transitionSteps(
  wf: WorkflowState,
  tx: ORMAdapter,
  to: string,
  handlers: StateHandlerLists,
  data: Record<string, Row>,
  metadata: Readonly<Record<string, unknown>>,
): Steps<void> {
  const started = performance.now();
  const from = wf.state;
  const results: Record<string, unknown> = {};
  const db = syncOpsOf(tx) ?? tx;
  // Most transitions have neither; skipping the sub-sequence saves a generator per transition.
  if (handlers.preTransition.length > 0 || handlers.validator.length > 0) {
    const checked = drive(prepareAndValidate(wf, tx, to, handlers, data, results, false));
    const reasons = isThenable(checked) ? ((yield checked) as RejectionReason[]) : checked;
    if (reasons.length > 0) throw new TransitionRejectedError(wf.machine, from, to, reasons);
    if (handlers.preTransition.length > 0) assertDataShape(wf.compiled, to, data);
  }
  if (wf.unverified.size > 0) {
    const verified = drive(verifyOutsideRows(wf, db, to, data));
    if (isThenable(verified)) yield verified;
  }
  const custom = handlers.transition[0];
  if (custom) {
    const meta = transitionMeta(wf, tx, db, to, data);
    try {
      const result = callHandler(tx, custom.fn, wf.instanceTable, wf.context, meta);
      results[custom.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'transition', custom, meta, error);
    }
    const checked = drive(checkCustomWrite(wf, db, custom, to));
    if (isThenable(checked)) yield checked;
  } else {
    const written = drive(defaultWrite(wf, tx, db, to, data));
    if (isThenable(written)) yield written;
  }
  wf.state = to;

  const meta = { machine: wf.machine, from, to, adapter: tx, dryRun: false };
  for (const hook of handlers.hook) {
    try {
      const result = callHandler(tx, hook.fn, wf.instanceTable, wf.context, meta);
      results[hook.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'hook', hook, meta, error);
    }
  }
  const at = new Date();
  const entry = { from, to, at, durationMs: performance.now() - started, results, metadata };
  if (tx.recordTransition) {
    const logEntry = logRecordOf(wf, entry);
    const recorded = db.recordTransition
      ? db.recordTransition(logEntry)
      : tx.recordTransition(logEntry);
    if (isThenable(recorded)) yield recorded;
  }
  wf.historyEntries.push(entry);
  if (handlers.afterCommit.length > 0) {
    // A copy: a later transition's handlers may change the live rows, and then fail.
    const instances = deepCopy(wf.instanceTable);
    for (const handler of handlers.afterCommit) {
      wf.pendingAfterCommit.push({ handler, instances, from, to });
    }
  }
}
