import type { CompiledMachine } from './compiled-machine.js';
import { UsageError, type HandlerError } from './errors.js';
import { show } from './message-value.js';
import type { ORMAdapter } from './orm-adapter.js';
import type { TimerOperations } from './timer-operations.js';
import { assertAdapterOption } from './workflow-options.js';

/** `runDueTimers`' options, checked, with their defaults. */
export interface CheckedDueTimerOptions {
  readonly adapter: ORMAdapter;
  readonly timers: TimerOperations;
  readonly now: Date | undefined;
  readonly limit: number;
  readonly leaseMs: number;
  readonly context: unknown;
  readonly onAfterCommitError: ((error: HandlerError) => void) | undefined;
}

export const DEFAULT_TIMER_LIMIT = 100;
const MAX_TIMER_LIMIT = 1000;
const DEFAULT_LEASE_MS = 60_000;

const TIMER_METHODS = [
  'scheduleTimers',
  'cancelTimers',
  'claimDueTimers',
  'markTimerFired',
  'markTimerFailed',
] as const;

/** The options of `runDueTimers` (and of `startTimerWorker`, `method`), or a `UsageError`. */
export function checkDueTimerOptions(
  compiled: CompiledMachine,
  method: string,
  options: unknown,
): CheckedDueTimerOptions {
  assertAdapterOption(compiled, method, options);
  const where = `${compiled.name}.${method}`;
  const refuse = (message: string) =>
    new UsageError(`${where}: ${message}`, { machine: compiled.name });
  const given = options as {
    adapter: ORMAdapter;
    now?: unknown;
    limit?: unknown;
    leaseMs?: unknown;
    context?: unknown;
    onAfterCommitError?: unknown;
  };
  const { adapter, now, limit = DEFAULT_TIMER_LIMIT, leaseMs = DEFAULT_LEASE_MS } = given;
  const missing = TIMER_METHODS.filter((name) => typeof adapter[name] !== 'function');
  if (missing.length > 0) {
    throw refuse(
      `the adapter has no timer operations (${missing.join(', ')}): use an adapter that implements TimerOperations`,
    );
  }
  if (now !== undefined && !(now instanceof Date && !Number.isNaN(now.getTime()))) {
    throw refuse(`now must be a valid Date, got ${show(now)}`);
  }
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_TIMER_LIMIT) {
    throw refuse(`limit must be a whole number from 1 to ${MAX_TIMER_LIMIT}, got ${show(limit)}`);
  }
  if (!Number.isInteger(leaseMs) || (leaseMs as number) < 1) {
    throw refuse(`leaseMs must be a positive whole number of milliseconds, got ${show(leaseMs)}`);
  }
  const onError = given.onAfterCommitError;
  if (onError !== undefined && typeof onError !== 'function') {
    throw refuse(`onAfterCommitError must be a function, got ${show(onError)}`);
  }
  return {
    adapter,
    timers: adapter as ORMAdapter & TimerOperations,
    now,
    limit: limit as number,
    leaseMs: leaseMs as number,
    context: given.context,
    onAfterCommitError: onError as ((error: HandlerError) => void) | undefined,
  };
}
