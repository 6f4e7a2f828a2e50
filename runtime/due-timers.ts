import type { CompiledMachine } from './compiled-machine.js';
import { attributeToMachine, ObjectNotFound } from './errors.js';
import type { ORMAdapter } from './orm-adapter.js';
import { checkDueTimerOptions, type CheckedDueTimerOptions } from './due-timer-options.js';
import { endFiring, startFiring } from './timer-firing.js';
import { missingTimerTable } from './timer-table-missing.js';
import type { ClaimedTimer } from './timer-operations.js';
import type { DroppedTimer, DueTimersResult, TimerFiring } from './timer-types.js';
import { runWorkflow } from './workflow-shell.js';
import { loadStart } from './workflow-start.js';
import type { WorkflowStart } from './workflow-state.js';

/** A failed timer is due again after 1 s, 2 s, 4 s… doubling per failed attempt, at most 1 h. */
export function timerBackoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.min(attempts - 1, 12), 3_600_000);
}

const LOCK = Object.freeze({ lock: 'wait' as const });

/**
 * The identifiers a timer's text may stand for: the text itself, then the number or bigint it
 * spells when it is one written the way `String` writes it. Timers keep the identifier as text;
 * a text column, or a database that converts the text, finds the row by the text, while an
 * integer column on an adapter that checks types (PgAdapter, SqliteAdapter), or an adapter that
 * compares exactly (in memory), needs the number.
 */
function identifiersOf(text: string): unknown[] {
  if (/^-?\d+$/.test(text)) {
    const number = Number(text);
    if (Number.isSafeInteger(number)) return String(number) === text ? [text, number] : [text];
    return String(BigInt(text)) === text ? [text, BigInt(text)] : [text];
  }
  const number = Number(text);
  return Number.isFinite(number) && String(number) === text ? [text, number] : [text];
}

/**
 * The entity's workflow, its primary row locked, tried with each identifier the text may stand
 * for. The entity is missing (ObjectNotFound) when no form found it and at least one was looked
 * up and not found; otherwise the first failure is what the firing failed with.
 */
async function loadEntity(
  tx: ORMAdapter,
  compiled: CompiledMachine,
  entityId: string,
  values: Record<string, unknown>,
): Promise<WorkflowStart> {
  let notFound: unknown;
  let firstFailure: unknown;
  for (const id of identifiersOf(entityId)) {
    try {
      return await loadStart(tx, { compiled, id, values, outside: {}, lock: LOCK });
    } catch (error) {
      if (error instanceof ObjectNotFound) notFound ??= error;
      else firstFailure ??= error;
    }
  }
  throw notFound ?? firstFailure;
}

/** The shortest `after` of the timer's state that targets its target: the one stored. */
function afterMsOf(compiled: CompiledMachine, timer: ClaimedTimer): number {
  const after = compiled.config.states[timer.state]?.after ?? [];
  const entry = after.find((candidate) => candidate.to === timer.target);
  return entry?.afterMs ?? timer.dueAt.getTime() - timer.createdAt.getTime();
}

type Outcome = 'fired' | DroppedTimer['reason'];

/**
 * Fires one claimed timer in a transaction of its own: the entity's row is locked first; if the
 * entity is still in the timer's state the timer row is deleted (only while it carries this
 * worker's claim) and the entity moves to the target through the normal transition. Throws what
 * the transition threw, after the rollback.
 */
async function fire(
  compiled: CompiledMachine,
  options: CheckedDueTimerOptions,
  timer: ClaimedTimer,
  firing: TimerFiring,
): Promise<Outcome> {
  let handle: ORMAdapter | undefined;
  let missing = false;
  const start = async (tx: ORMAdapter, prepared: { values: Record<string, unknown> }) => {
    handle = tx;
    startFiring(tx, { now: firing.firedAt.getTime(), timer: firing });
    try {
      return await loadEntity(tx, compiled, timer.entityId, prepared.values);
    } catch (error) {
      missing = error instanceof ObjectNotFound;
      throw error;
    }
  };
  try {
    return await runWorkflow<Outcome>(
      {
        compiled,
        adapter: options.adapter,
        context: options.context,
        onAfterCommitError: options.onAfterCommitError,
        demandInstances: false,
        start,
      },
      async (wf) => {
        const tx = handle as ORMAdapter;
        // Entry rows never outlive their state (leaving deletes them): this one is left over.
        const left = wf.state !== timer.state;
        if (!(await tx.markTimerFired!(timer))) return 'claim-lost';
        if (left) return 'state-left';
        // A row of an older definition whose state no longer has this timer: it must not fire.
        const declared = compiled.config.states[timer.state]?.after ?? [];
        if (!declared.some((entry) => entry.to === timer.target)) return 'undeclared';
        const metadata = {
          timer: {
            after: firing.afterMs,
            dueAt: firing.dueAt.toISOString(),
            attempt: firing.attempt,
          },
        };
        await wf.transitionTo(timer.target, undefined, { metadata });
        return 'fired';
      },
    );
  } catch (error) {
    if (!missing) throw error;
    // The entity's row is gone: nothing is left to move.
    await options.timers.markTimerFired(timer);
    return 'entity-missing';
  } finally {
    if (handle !== undefined) endFiring(handle);
  }
}

/**
 * `Machine.runDueTimers`: claims up to `limit` due timers of the machine (a lease of `leaseMs`,
 * in a short transaction of its own), then fires each in a transaction of its own, one after the
 * other. A timer fires at most once however many workers run this at the same time. A firing that
 * fails or is rejected rolls back and the timer is due again after `timerBackoffMs`, with its
 * attempt counted and the error kept; if even that cannot be written, the claim lapses after the
 * lease and the timer is claimed again.
 */
export async function runDueTimers(
  compiled: CompiledMachine,
  given: unknown,
): Promise<DueTimersResult> {
  const options = checkDueTimerOptions(compiled, 'runDueTimers', given);
  const { timers, limit, leaseMs } = options;
  const now = options.now ?? new Date();
  const result: DueTimersResult = { fired: [], failed: [], dropped: [] };
  let claimed: ClaimedTimer[];
  try {
    claimed = await timers.claimDueTimers({ machine: compiled.name, now, limit, leaseMs });
  } catch (error) {
    attributeToMachine(error, compiled.name);
    throw missingTimerTable(compiled.name, error) ?? error;
  }
  for (const timer of claimed) {
    const { entityId, state, target: to } = timer;
    const firing: TimerFiring = {
      state,
      to,
      afterMs: afterMsOf(compiled, timer),
      dueAt: timer.dueAt,
      entrySeq: timer.entrySeq,
      attempt: timer.attempts + 1,
      firedAt: now,
    };
    try {
      const outcome = await fire(compiled, options, timer, firing);
      if (outcome === 'fired') result.fired.push({ entityId, from: state, to, dueAt: timer.dueAt });
      else result.dropped.push({ entityId, state, to, reason: outcome });
    } catch (error) {
      const backoffMs = timerBackoffMs(firing.attempt);
      const message = error instanceof Error ? error.message : String(error);
      // Should this write fail too, the claim lapses and another round tries the timer again.
      await timers.markTimerFailed(timer, { error: message, now, backoffMs }).catch(() => false);
      result.failed.push({
        entityId,
        from: state,
        to,
        error,
        attempts: firing.attempt,
        nextAttemptAt: new Date(now.getTime() + backoffMs),
      });
    }
  }
  return result;
}
