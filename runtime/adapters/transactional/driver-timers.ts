import type { TimerOperations } from '../../timer-operations.js';
import type { TimerBackend } from '../timer-methods.js';
import type { TransactionDriver } from './transaction-driver.js';

const NAMES = [
  'scheduleTimers',
  'cancelTimers',
  'claimDueTimers',
  'markTimerFired',
  'markTimerFailed',
  'readTimers',
] as const;

/** The driver's timer operations, when it has them all (some but not all is a mistake). */
export function driverTimers(driver: TransactionDriver): TimerBackend | undefined {
  const present = NAMES.filter((name) => typeof driver[name] === 'function');
  if (present.length === 0) return undefined;
  if (present.length < NAMES.length) {
    const missing = NAMES.filter((name) => !present.includes(name));
    throw new TypeError(
      `TransactionalAdapter: a driver with timer operations needs them all; it lacks ${missing.join(', ')}`,
    );
  }
  const ops = driver as TransactionDriver & TimerOperations;
  return {
    schedule: (schedule) => ops.scheduleTimers(schedule),
    cancel: (machine, entityId) => ops.cancelTimers(machine, entityId),
    claim: (options) => ops.claimDueTimers(options),
    fired: (timer) => ops.markTimerFired(timer),
    failed: (timer, failure) => ops.markTimerFailed(timer, failure),
    read: (machine, entityId) => ops.readTimers(machine, entityId),
  };
}
