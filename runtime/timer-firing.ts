import type { ORMAdapter } from './orm-adapter.js';
import type { TimerFiring } from './timer-types.js';

/** What a workflow run by `runDueTimers` carries into its transition: the clock and the timer. */
export interface Firing {
  /** `runDueTimers`' `now` (ms): the time the timers of the state entered are counted from. */
  readonly now: number;
  readonly timer: TimerFiring;
}

/*
 * Keyed by the workflow's transaction handle (`WorkflowState.adapter`): only the timer step of a
 * machine with timers looks here, so workflows of other machines carry nothing more.
 */
const firings = new WeakMap<ORMAdapter, Firing>();

/** Marks the workflow on transaction `tx` as the firing of a timer. */
export function startFiring(tx: ORMAdapter, firing: Firing): void {
  firings.set(tx, firing);
}

/** The firing's workflow has ended: a handle an adapter hands out again must not carry it. */
export function endFiring(tx: ORMAdapter): void {
  firings.delete(tx);
}

/** The timer firing the workflow on `tx`, if a timer is. */
export function firingOf(tx: ORMAdapter): Firing | undefined {
  return firings.get(tx);
}
