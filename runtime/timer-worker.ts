import type { CompiledMachine } from './compiled-machine.js';
import { UsageError, type HandlerError } from './errors.js';
import { show } from './message-value.js';
import { checkDueTimerOptions, DEFAULT_TIMER_LIMIT } from './due-timer-options.js';
import { runDueTimers } from './due-timers.js';
import type { FailedTimer, StopTimerWorker } from './timer-types.js';

const reportToConsole = (error: unknown): void => console.error(error);

/** Calls a user's reporter; one that throws is logged, never left to become an unhandled rejection. */
function guarded<E>(report: (error: E) => void): (error: E) => void {
  return (error) => {
    try {
      report(error);
    } catch (thrown) {
      console.error(thrown);
    }
  };
}

/** A failed firing's error as an Error: a hook may throw anything. */
function firingError(compiled: CompiledMachine, failed: FailedTimer): Error {
  if (failed.error instanceof Error) return failed.error;
  return new Error(
    `${compiled.name}: the timer of ${failed.entityId} from ${failed.from} to ${failed.to} failed: ${show(failed.error)}`,
    { cause: failed.error },
  );
}

/**
 * `Machine.startTimerWorker`: runs `runDueTimers` at once and then again `intervalMs` after each
 * round that claimed fewer than `limit` timers (a full round goes on at once, so a backlog drains
 * without waiting). Each failed firing's error, and a round that throws, is reported to `onError`
 * and the worker goes on; an `onError` or `onAfterCommitError` that throws is logged. The
 * returned function stops it: no round starts afterwards, and its promise resolves once the
 * running round, if any, has ended.
 */
export function startTimerWorker(compiled: CompiledMachine, given: unknown): StopTimerWorker {
  checkDueTimerOptions(compiled, 'startTimerWorker', given);
  const { intervalMs, onError, now, onAfterCommitError, ...rest } = given as {
    intervalMs?: unknown;
    onError?: unknown;
    now?: unknown;
    onAfterCommitError?: (error: HandlerError) => void;
    limit?: number;
  };
  const refuse = (message: string) =>
    new UsageError(`${compiled.name}.startTimerWorker: ${message}`, { machine: compiled.name });
  if (typeof intervalMs !== 'number' || !(intervalMs > 0) || !Number.isFinite(intervalMs)) {
    throw refuse(`intervalMs must be a positive number of milliseconds, got ${show(intervalMs)}`);
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw refuse(`onError must be a function, got ${show(onError)}`);
  }
  if (now !== undefined) throw refuse('takes no now: each round uses the current time');
  const report = guarded((onError as ((error: unknown) => void) | undefined) ?? reportToConsole);
  // Left out when not given, so runDueTimers keeps its own default.
  const options =
    onAfterCommitError === undefined
      ? rest
      : { ...rest, onAfterCommitError: guarded(onAfterCommitError) };
  const limit = options.limit ?? DEFAULT_TIMER_LIMIT;
  let stopped = false;
  let pause: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const round = async (): Promise<void> => {
    try {
      for (;;) {
        const { fired, failed, dropped } = await runDueTimers(compiled, options);
        for (const firing of failed) report(firingError(compiled, firing));
        // A full round may have left more due: go on at once unless stopped meanwhile.
        if (fired.length + failed.length + dropped.length < limit || stopped) break;
      }
    } catch (error) {
      report(error);
    }
  };
  const tick = (): void => {
    pause = undefined;
    running = round().finally(() => {
      running = undefined;
      if (!stopped) pause = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return async () => {
    stopped = true;
    if (pause !== undefined) clearTimeout(pause);
    await running;
  };
}
