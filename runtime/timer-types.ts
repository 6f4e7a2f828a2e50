import type { HandlerError } from './errors.js';
import type { MachineTypes } from './machine-types.js';
import type { ORMAdapter } from './orm-adapter.js';

/**
 * Why a transition runs when a durable timer fired it (`meta.timer` in its handlers, absent for
 * every other transition): the entry it was scheduled for and this attempt.
 */
export interface TimerFiring<T extends MachineTypes = MachineTypes> {
  /** The state whose `after` scheduled the timer: the transition's `from`. */
  readonly state: T['state'];
  /** The timer's target: the transition's `to`. */
  readonly to: T['state'];
  /** The duration declared in `after` (`'48h'` is 172800000). */
  readonly afterMs: number;
  /** When it became due: the entry's time plus `afterMs`. */
  readonly dueAt: Date;
  /** Which entry into `state` (the transition log's `seq` of that entry). */
  readonly entrySeq: number;
  /** 1 on the first try; one more after each failed one. */
  readonly attempt: number;
  /** The worker's clock (`runDueTimers`' `now`). */
  readonly firedAt: Date;
}

/** `Machine.runDueTimers`' options. */
export type RunDueTimersOptions<T extends MachineTypes = MachineTypes> = {
  readonly adapter: ORMAdapter;
  /** The worker's clock: timers due at or before it fire. Default: the current time. */
  readonly now?: Date;
  /** At most this many timers per call (default 100, at most 1000). */
  readonly limit?: number;
  /**
   * How long (ms) the claim on each timer holds (default 60000): a worker that dies holding
   * claims delays them by this much. It must outlast firing `limit` timers one after the other.
   */
  readonly leaseMs?: number;
  /** Called for each afterCommit handler that throws; the commit stands. Default: console.error. */
  readonly onAfterCommitError?: (error: HandlerError) => void;
} & T['contextOption'];

/** A timer that moved its entity: the transition committed. */
export interface FiredTimer<T extends MachineTypes = MachineTypes> {
  /** The primary row's identifier, as stored with the timer (text). */
  readonly entityId: string;
  readonly from: T['state'];
  readonly to: T['state'];
  readonly dueAt: Date;
}

/** A timer whose transition failed or was rejected: rolled back, due again after a backoff. */
export interface FailedTimer<T extends MachineTypes = MachineTypes> {
  readonly entityId: string;
  readonly from: T['state'];
  readonly to: T['state'];
  /** What the transition threw (`TransitionRejectedError` for a validator's refusal). */
  readonly error: unknown;
  /** Failed attempts so far, this one included. */
  readonly attempts: number;
  /** When it is due again (`now` plus the backoff). */
  readonly nextAttemptAt: Date;
}

/**
 * A claimed timer that had nothing left to do, deleted without a transition: its entity is gone
 * or no longer in the timer's state, or another worker took the timer over once the claim lapsed,
 * or the definition no longer declares it (`undeclared`: the state's `after` has no such target,
 * as after a deploy that removed or changed it).
 */
export interface DroppedTimer<T extends MachineTypes = MachineTypes> {
  readonly entityId: string;
  readonly state: T['state'];
  readonly to: T['state'];
  readonly reason: 'entity-missing' | 'state-left' | 'claim-lost' | 'undeclared';
}

/** What one `runDueTimers` call did with the timers it claimed. */
export interface DueTimersResult<T extends MachineTypes = MachineTypes> {
  readonly fired: FiredTimer<T>[];
  readonly failed: FailedTimer<T>[];
  readonly dropped: DroppedTimer<T>[];
}

/** `Machine.startTimerWorker`'s options: `runDueTimers`' without `now`, and how often. */
export type TimerWorkerOptions<T extends MachineTypes = MachineTypes> = Omit<
  RunDueTimersOptions<T>,
  'now'
> & {
  /** The pause (ms) after a round that found fewer than `limit` due timers. */
  readonly intervalMs: number;
  /**
   * Each failed firing's error (an `Error`; a thrown non-Error is wrapped), and a round that threw
   * (a lost connection, say); the worker goes on. Default: console.error.
   */
  readonly onError?: (error: unknown) => void;
};

/** Stops a timer worker: no round starts after it; resolves once the running round has ended. */
export type StopTimerWorker = () => Promise<void>;
