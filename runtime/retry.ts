import type { CompiledMachine } from './compiled-machine.js';
import { ConcurrentTransitionError, UsageError } from './errors.js';
import { show } from './message-value.js';

/** `load`'s `retry` option: how often to run the workflow again after a conflict. */
export interface RetryOptions {
  /** Runs in all, the first included (≥ 1). */
  readonly attempts: number;
  /** The wait before the second run, doubled before each later one, with jitter. Default 10. */
  readonly backoffMs?: number;
}

/**
 * A conflict another run may not meet: the row changed under this one. Adapters mark errors of
 * their own that a fresh transaction may not meet (a serialization failure, a deadlock) with
 * `retryable: true`.
 */
export function isConflict(error: unknown): boolean {
  return (
    error instanceof ConcurrentTransitionError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { retryable?: unknown }).retryable === true)
  );
}

export function checkRetry(compiled: CompiledMachine, retry: unknown): RetryOptions | undefined {
  if (retry === undefined) return undefined;
  const { attempts, backoffMs = 10 } = (retry ?? {}) as { attempts?: unknown; backoffMs?: unknown };
  if (
    typeof attempts !== 'number' ||
    !Number.isInteger(attempts) ||
    attempts < 1 ||
    typeof backoffMs !== 'number' ||
    !Number.isFinite(backoffMs) ||
    backoffMs < 0
  ) {
    throw new UsageError(
      `${compiled.name}.load: retry must be { attempts: a whole number ≥ 1, backoffMs?: milliseconds ≥ 0 }, got ${show(retry)}`,
      { machine: compiled.name },
    );
  }
  return { attempts, backoffMs };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails with something other than a conflict, or has run
 * `retry.attempts` times; each run is a fresh transaction. The last conflict says how many runs
 * were made (`error.attempts`).
 */
export async function withRetry<R>(retry: RetryOptions, attempt: () => Promise<R>): Promise<R> {
  const backoffMs = retry.backoffMs ?? 10;
  for (let made = 1; ; made++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (made >= retry.attempts) throw gaveUp(error, made);
      // Jitter spreads out workers that conflicted together, so they do not collide again.
      await sleep(backoffMs * 2 ** (made - 1) * (0.5 + Math.random() / 2));
    }
  }
}

function gaveUp(error: unknown, made: number): unknown {
  if (error instanceof Error) {
    error.message += ` (gave up after ${made} attempt${made === 1 ? '' : 's'})`;
    Object.defineProperty(error, 'attempts', { value: made, enumerable: true });
  }
  return error;
}
