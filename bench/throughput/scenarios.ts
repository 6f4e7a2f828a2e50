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

export interface ScenarioPair {
  readonly pair: string;
  readonly ours: Scenario;
  readonly xstate: Scenario;
}

const STEADY_BATCH = 1_000;
const LIFECYCLE_BATCH = 100;

/**
 * steady: one long-lived workflow / actor cycling through the four states (1,000 transitions per
 * `run` / actor). lifecycle: a new workflow / actor per item, walked from Draft to Published
 * (ours: `run` + 4 transitions incl. entering Draft, which creates the row; XState: create,
 * start, 3 events, stop).
 */
export const PAIRS: readonly ScenarioPair[] = [
  {
    pair: 'steady',
    ours: { name: 'ours:steady', unit: 'transitions', batch: STEADY_BATCH, run: oursSteady },
    xstate: { name: 'xstate:steady', unit: 'transitions', batch: STEADY_BATCH, run: xstateSteady },
  },
  {
    pair: 'lifecycle',
    ours: { name: 'ours:lifecycle', unit: 'workflows', batch: LIFECYCLE_BATCH, run: oursLifecycle },
    xstate: {
      name: 'xstate:lifecycle',
      unit: 'workflows',
      batch: LIFECYCLE_BATCH,
      run: xstateLifecycle,
    },
  },
];

export function pairNamed(name: string): ScenarioPair {
  const pair = PAIRS.find((p) => p.pair === name);
  if (!pair)
    throw new Error(`unknown pair '${name}' (known: ${PAIRS.map((p) => p.pair).join(', ')})`);
  return pair;
}
