import type { ORMAdapter } from '../orm-adapter.js';
import type {
  ClaimedTimer,
  ClaimOptions,
  StoredTimer,
  TimerFailure,
  TimerOperations,
  TimerSchedule,
} from '../timer-operations.js';

/** The timer operations of one store, in its current transaction, results plain or promised. */
export interface TimerBackend {
  schedule(schedule: TimerSchedule): number | Promise<number>;
  cancel(machine: string, entityId: unknown): number | Promise<number>;
  claim(options: ClaimOptions): ClaimedTimer[] | Promise<ClaimedTimer[]>;
  fired(timer: ClaimedTimer): boolean | Promise<boolean>;
  failed(timer: ClaimedTimer, failure: TimerFailure): boolean | Promise<boolean>;
  read(machine: string, entityId: unknown): StoredTimer[] | Promise<StoredTimer[]>;
}

/** How a transaction handle runs one of its operations: in its turn, once it is usable. */
export type HandleOp = <R>(job: () => R | Promise<R>) => Promise<R>;

/** A transaction handle's timer operations: each runs in the handle's transaction, in its turn. */
export function handleTimerMethods(op: HandleOp, backend: () => TimerBackend): TimerOperations {
  return {
    scheduleTimers: (schedule) => op(() => backend().schedule(schedule)),
    cancelTimers: (machine, entityId) => op(() => backend().cancel(machine, entityId)),
    claimDueTimers: (options) => op(() => backend().claim(options)),
    markTimerFired: (timer) => op(() => backend().fired(timer)),
    markTimerFailed: (timer, failure) => op(() => backend().failed(timer, failure)),
    readTimers: (machine, entityId) => op(() => backend().read(machine, entityId)),
  };
}

type Transaction = <R>(fn: (tx: ORMAdapter) => Promise<R>) => Promise<R>;

/** The handle's operation, which an adapter's handles have whenever the adapter has timers. */
function on<K extends keyof TimerOperations>(tx: ORMAdapter, name: K): TimerOperations[K] {
  const method = (tx as Partial<TimerOperations>)[name];
  if (typeof method !== 'function') throw new TypeError(`the transaction handle has no ${name}`);
  return method.bind(tx) as TimerOperations[K];
}

/**
 * An adapter's own timer operations: each in a transaction of its own (a claim, for one, must
 * commit before the claimed timers are fired, each in its own transaction).
 */
export function adapterTimerMethods(transaction: Transaction): TimerOperations {
  return {
    scheduleTimers: (schedule) => transaction((tx) => on(tx, 'scheduleTimers')(schedule)),
    cancelTimers: (machine, entityId) =>
      transaction((tx) => on(tx, 'cancelTimers')(machine, entityId)),
    claimDueTimers: (options) => transaction((tx) => on(tx, 'claimDueTimers')(options)),
    markTimerFired: (timer) => transaction((tx) => on(tx, 'markTimerFired')(timer)),
    markTimerFailed: (timer, failure) =>
      transaction((tx) => on(tx, 'markTimerFailed')(timer, failure)),
    readTimers: (machine, entityId) => transaction((tx) => on(tx, 'readTimers')(machine, entityId)),
  };
}
