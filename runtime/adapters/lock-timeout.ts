import { AdapterReentryError, UsageError } from '../errors.js';
import type { WaitLimit } from './serial-queue.js';

export const DEFAULT_LOCK_TIMEOUT_MS = 2000;

/**
 * The wait limit of an adapter's serial queue from its `lockTimeout` option (ms; `Infinity` for
 * none). A call that waits longer fails with `AdapterReentryError` naming both likely causes.
 */
export function lockTimeoutLimit(
  adapter: string,
  lockTimeout: number = DEFAULT_LOCK_TIMEOUT_MS,
): WaitLimit | undefined {
  if (typeof lockTimeout !== 'number' || Number.isNaN(lockTimeout) || lockTimeout <= 0) {
    throw new UsageError(
      `${adapter}: lockTimeout must be a positive number of milliseconds (or Infinity), got ${String(lockTimeout)}`,
    );
  }
  if (lockTimeout === Infinity) return undefined;
  return {
    ms: lockTimeout,
    error: (waitedMs, heldMs) =>
      new AdapterReentryError(
        adapter,
        `gave up after waiting ${waitedMs} ms (lockTimeout ${lockTimeout} ms) for a transaction that has been running on it for ${heldMs} ms. Either that transaction runs too long (shorten it, or raise lockTimeout), or this call was made on the adapter itself from inside that very transaction, after an await`,
      ),
  };
}

/** The error for a call on the adapter itself made synchronously inside one of its transactions. */
export function reentryError(adapter: string, operation: string): AdapterReentryError {
  return new AdapterReentryError(
    adapter,
    `${operation}() was called on the adapter itself from inside one of its own transactions; it would wait for that transaction to end, which never happens`,
  );
}
