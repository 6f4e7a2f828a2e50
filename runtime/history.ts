import type { MachineTypes } from './machine-types.js';

export interface HistoryEntry<T extends MachineTypes = MachineTypes> {
  readonly from: T['state'] | null;
  readonly to: T['state'];
  readonly at: Date;
  readonly durationMs: number;
  /** Each handler's return value, by handler name. */
  readonly results: Readonly<Record<string, unknown>>;
  /** What the caller passed as `transitionTo(…, { metadata })`; `{}` if nothing. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface HistorySummary {
  readonly machine: string;
  readonly state: string | null;
  /** Every state the workflow entered, in order, starting with the one it began in (if any). */
  readonly path: readonly string[];
  readonly transitions: number;
  readonly totalDurationMs: number;
  readonly steps: readonly {
    readonly from: string | null;
    readonly to: string;
    readonly at: string;
    readonly durationMs: number;
    readonly results: Readonly<Record<string, unknown>>;
  }[];
}

export function summarizeHistory(
  machine: string,
  initial: string | null,
  state: string | null,
  history: readonly HistoryEntry[],
): HistorySummary {
  const path = initial === null ? [] : [initial];
  let totalDurationMs = 0;
  const steps = history.map((entry) => {
    path.push(entry.to);
    totalDurationMs += entry.durationMs;
    return {
      from: entry.from,
      to: entry.to,
      at: entry.at.toISOString(),
      durationMs: entry.durationMs,
      results: entry.results,
    };
  });
  return { machine, state, path, transitions: history.length, totalDurationMs, steps };
}
