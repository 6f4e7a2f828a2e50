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
import { writeState, type StateWriter } from './state-write.js';
import { drive, driveAsync, isThenable, type Steps } from './step-driver.js';
import { firingOf } from './timer-firing.js';
import { scheduleStateTimers } from './timer-step.js';
import type { TimerFiring } from './timer-types.js';
import type { WorkflowState } from './workflow-state.js';

/*
 * The steps of a transition as step sequences (see step-driver.ts): a handler's result or an
 * adapter call's is yielded when it is a thenable, so the same code runs synchronously on an
 * adapter with synchronous operations and asynchronously from the first thenable on. A part
 * sequence is driven on its own and only its promise, if any, yielded: delegating with `yield*`
 * costs on every step even when nothing waits. Steps that call handlers one by one stay inline
 * in `transitionSteps` (a generator of their own would cost one per transition).
 */

/**
 * The steps of one transition, in the order they run. `checkLegality` and `prepareData` run
 * before the transition's savepoint opens (transition.ts), the others inside it
 * (`transitionSteps`); a failure in any of them undoes the whole transition.
 */
export type TransitionStep =
  | 'checkLegality'
  | 'prepareData'
  | 'runPreTransitionHandlers'
  | 'runValidators'
  | 'verifyOutsideRows'
  | 'writeState'
  | 'runHooks'
  | 'recordHistory'
  | 'scheduleTimers'
  | 'scheduleAfterCommit';

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
    writeState: () => driveAsync(writeState(wf, tx, db, to, data)),
    setInstance: (model: string, row: Row) => void (wf.instanceTable[model] = { ...row }),
  };
}

/** The `recordHistory` step's log row, when the adapter keeps a transition log. */
function recordInLog(
  wf: WorkflowState,
  tx: ORMAdapter,
  db: StateWriter,
  entry: HistoryEntry,
): number | Promise<number> | undefined {
  if (!tx.recordTransition) return undefined;
  const { compiled } = wf;
  const record: TransitionRecord = {
    machine: wf.machine,
    entityId: wf.instanceTable[compiled.primaryModel]?.[compiled.primary.identifierField],
    from: entry.from,
    to: entry.to,
    at: entry.at,
    results: entry.results,
    metadata: entry.metadata,
  };
  return db.recordTransition ? db.recordTransition(record) : tx.recordTransition(record);
}

/** Queues the target's afterCommit handlers, for when the outermost transaction commits. */
function scheduleAfterCommit(
  wf: WorkflowState,
  handlers: readonly RegisteredHandler[],
  from: string | null,
  to: string,
  timer: TimerFiring | undefined,
): void {
  if (handlers.length === 0) return;
  // A copy: a later transition's handlers may change the live rows, and then fail.
  const instances = deepCopy(wf.instanceTable);
  for (const handler of handlers) {
    wf.pendingAfterCommit.push({ handler, instances, from, to, timer });
  }
}

const NO_REASONS: readonly RejectionReason[] = Object.freeze([]);

/** What every handler of a transition but the custom one gets as `meta`. */
interface StepMeta {
  readonly machine: string;
  readonly from: string | null;
  readonly to: string;
  readonly adapter: ORMAdapter;
  readonly dryRun: boolean;
  readonly timer?: TimerFiring;
}

/**
 * Inside the transition's own savepoint, the steps after `prepareData` (see `TransitionStep`):
 * pre-transition handlers and validators, rows from outside the transaction re-read, the state
 * written (or the state's custom transition handler run and its write checked), hooks, the log
 * row and history entry, the durable timers of the state left and entered (machines with timers
 * only, timer-step.ts), afterCommit handlers queued. A dry run (`canTransitionTo`) stops after
 * the validators and returns their reasons; a transition throws them. The steps are one sequence
 * for both: each part sequence costs a generator per transition.
 */
export function* transitionSteps(
  wf: WorkflowState,
  tx: ORMAdapter,
  to: string,
  handlers: StateHandlerLists,
  data: Record<string, Row>,
  metadata: Readonly<Record<string, unknown>>,
  dryRun: boolean,
): Steps<readonly RejectionReason[]> {
  const started = performance.now();
  const from = wf.state;
  const results: Record<string, unknown> = {};
  const db = syncOpsOf(tx);
  // Pre-transition handlers and validators share one meta object, hooks get their own (see
  // runHooks), and the custom transition handler one with more in it.
  const meta: { -readonly [K in keyof StepMeta]: StepMeta[K] } = {
    machine: wf.machine,
    from,
    to,
    adapter: tx,
    dryRun,
  };
  // A transition a durable timer fires tells its handlers so (timer-firing.ts).
  const timer = wf.compiled.timed ? firingOf(wf.adapter)?.timer : undefined;
  if (timer !== undefined) meta.timer = timer;
  // Taken before any handler runs: what a pre-transition handler or validator writes into its
  // meta must not reach the hooks or the error a hook's failure reports.
  const hookMeta = { ...meta };

  // runPreTransitionHandlers: they may change data and context.
  for (const pre of handlers.preTransition) {
    try {
      const result = callHandler(tx, pre.fn, data, wf.context, meta);
      results[pre.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'preTransition', pre, meta, error);
    }
  }
  // runValidators: they only read, and all run.
  const validators = handlers.validator;
  let reasons = NO_REASONS;
  if (validators.length > 0) {
    const rejected: RejectionReason[] = [];
    const dataView = readOnlyView(data, 'transition data');
    const contextView = (wf.contextView ??= readOnlyView(wf.context, 'the workflow context'));
    for (const validator of validators) {
      try {
        const result = callHandler(tx, validator.fn, dataView, contextView, meta);
        results[validator.name] = isThenable(result) ? yield result : result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        rejected.push({ handler: validator.name, message, error });
      }
    }
    reasons = rejected;
  }
  if (dryRun) return reasons;
  if (reasons.length > 0) throw new TransitionRejectedError(wf.machine, from, to, reasons);
  if (handlers.preTransition.length > 0) assertDataShape(wf.compiled, to, data);

  if (wf.unverified.size > 0) {
    const verified = drive(verifyOutsideRows(wf, db ?? tx, to, data));
    if (isThenable(verified)) yield verified;
  }
  const custom = handlers.transition[0];
  if (custom) {
    const customMeta = transitionMeta(wf, tx, db ?? tx, to, data);
    if (timer !== undefined) Object.assign(customMeta, { timer });
    try {
      const result = callHandler(tx, custom.fn, wf.instanceTable, wf.context, customMeta);
      results[custom.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'transition', custom, customMeta, error);
    }
    const checked = drive(checkCustomWrite(wf, db ?? tx, custom, to));
    if (isThenable(checked)) yield checked;
  } else {
    const written = drive(writeState(wf, tx, db ?? tx, to, data));
    if (isThenable(written)) yield written;
  }
  wf.state = to;

  // runHooks
  for (const hook of handlers.hook) {
    try {
      const result = callHandler(tx, hook.fn, wf.instanceTable, wf.context, hookMeta);
      results[hook.name] = isThenable(result) ? yield result : result;
    } catch (error) {
      throw handlerFailure(wf, 'hook', hook, hookMeta, error);
    }
  }

  // recordHistory
  const at = new Date();
  const entry = { from, to, at, durationMs: performance.now() - started, results, metadata };
  const recorded = recordInLog(wf, tx, db ?? tx, entry);
  const seq = isThenable(recorded) ? ((yield recorded) as number) : recorded;
  wf.historyEntries.push(entry);

  // scheduleTimers: only machines with timers (timer-step.ts).
  if (wf.compiled.timed) {
    const scheduled = scheduleStateTimers(wf, tx, from, to, seq, at);
    if (scheduled !== undefined) yield scheduled;
  }

  scheduleAfterCommit(wf, handlers.afterCommit, from, to, timer);
  return NO_REASONS;
}
