import type { CompiledMachine } from './compiled-machine.js';
import { UsageError } from './errors.js';
import { show } from './message-value.js';
import { checkDueTimerOptions, DEFAULT_TIMER_LIMIT } from './due-timer-options.js';
import { runDueTimers } from './due-timers.js';
import type { StopTimerWorker } from './timer-types.js';

const reportToConsole = (error: unknown): void => console.error(error);

/**
 * `Machine.startTimerWorker`: runs `runDueTimers` at once and then again `intervalMs` after each
 * round that claimed fewer than `limit` timers (a full round goes on at once, so a backlog drains
 * without waiting). A round that throws is reported to `onError` and the worker goes on. The
 * returned function stops it: no round starts afterwards, and its promise resolves once the
 * running round, if any, has ended.
 */
export function startTimerWorker(compiled: CompiledMachine, given: unknown): StopTimerWorker {
  checkDueTimerOptions(compiled, 'startTimerWorker', given);
  const { intervalMs, onError, now, ...options } = given as {
    intervalMs?: unknown;
    onError?: unknown;
    now?: unknown;
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
  const report = (onError as ((error: unknown) => void) | undefined) ?? reportToConsole;
  const limit = options.limit ?? DEFAULT_TIMER_LIMIT;
  let stopped = false;
  let pause: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const round = async (): Promise<void> => {
    try {
      for (;;) {
        const { fired, failed, dropped } = await runDueTimers(compiled, options);
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
