import { oursLifecycle, oursSteady } from './ours.js';
import { xstateLifecycle, xstateSteady } from './xstate.js';

export interface Scenario {
  readonly name: string;
  /** What one unit is, for the report. */
  readonly unit: 'transitions' | 'workflows';
  /** Units one batch performs. */
  readonly batch: number;
  /** Runs one batch; resolves to the units performed. */
  readonly run: (units: number) => number | Promise<number>;
}

const STEADY_BATCH = 1_000;
const LIFECYCLE_BATCH = 100;

/**
 * steady: one long-lived workflow / actor cycling through the four states (1,000 transitions per
 * `run` / actor). lifecycle: a new workflow / actor per item, walked from Draft to Published
 * (ours: `run` + 4 transitions incl. entering Draft, which creates the row; XState: create,
 * start, 3 events, stop).
 */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'ours:steady', unit: 'transitions', batch: STEADY_BATCH, run: oursSteady },
  { name: 'xstate:steady', unit: 'transitions', batch: STEADY_BATCH, run: xstateSteady },
  { name: 'ours:lifecycle', unit: 'workflows', batch: LIFECYCLE_BATCH, run: oursLifecycle },
  { name: 'xstate:lifecycle', unit: 'workflows', batch: LIFECYCLE_BATCH, run: xstateLifecycle },
];

export function scenarioNamed(name: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario)
    throw new Error(
      `unknown scenario '${name}' (known: ${SCENARIOS.map((s) => s.name).join(', ')})`,
    );
  return scenario;
}
