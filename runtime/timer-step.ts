import { UsageError } from './errors.js';
import type { ORMAdapter } from './orm-adapter.js';
import { firingOf } from './timer-firing.js';
import { missingTimerTable } from './timer-table-missing.js';
import type { TimerOperations } from './timer-operations.js';
import type { WorkflowState } from './workflow-state.js';

/** The adapter's timer operations; a machine with timers cannot run without them. */
function timerOperations(wf: WorkflowState, tx: ORMAdapter, state: string): TimerOperations {
  const ops = tx as Partial<TimerOperations>;
  if (typeof ops.scheduleTimers === 'function' && typeof ops.cancelTimers === 'function') {
    return ops as TimerOperations;
  }
  throw new UsageError(
    `${wf.machine}: state '${state}' has durable timers (after), but the adapter has no timer operations (scheduleTimers, cancelTimers, claimDueTimers…): use an adapter that implements TimerOperations (every shipped one does; TransactionalAdapter when its driver does)`,
    { machine: wf.machine },
  );
}

/**
 * The `scheduleTimers` step, after `recordHistory`, for machines with timers only: leaving a
 * state with timers deletes the entity's timers, entering one deletes any left and schedules its
 * timers for this
 * entry (`entrySeq`, the log's `seq` of the move, or none when the adapter keeps no log), due
 * `afterMs` after now. Now is the transition's `at`, or `runDueTimers`' `now` in a transition a
 * timer fired. Both writes are in the transition's savepoint, so a rollback takes them back.
 */
export function scheduleStateTimers(
  wf: WorkflowState,
  tx: ORMAdapter,
  from: string | null,
  to: string,
  entrySeq: number | undefined,
  at: Date,
): Promise<unknown> | undefined {
  const { compiled } = wf;
  const { states } = compiled.config;
  const leaving = from !== null && states[from]?.after !== undefined;
  const timers = states[to]?.after;
  if (!leaving && timers === undefined) return undefined;
  const ops = timerOperations(wf, tx, leaving ? (from as string) : to);
  const entityId = wf.instanceTable[compiled.primaryModel]?.[compiled.primary.identifierField];
  const now = firingOf(wf.adapter)?.now ?? at.getTime();
  return (async () => {
    // Entering a state with timers cancels too: rows left by an entity deleted and made again
    // under the same identifier, or by an older definition, must not fire for this entry.
    await ops.cancelTimers(wf.machine, entityId);
    if (timers === undefined) return;
    await ops.scheduleTimers({
      machine: wf.machine,
      entityId,
      state: to,
      ...(entrySeq !== undefined && { entrySeq }),
      enteredAt: new Date(now),
      timers: timers.map((timer) => ({ target: timer.to, dueAt: new Date(now + timer.afterMs) })),
    });
  })().catch((error: unknown) => {
    throw missingTimerTable(wf.machine, error) ?? error;
  });
}
