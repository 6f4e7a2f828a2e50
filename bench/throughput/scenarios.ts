import { oursLifecycle, oursSteady } from './ours.js';
import { oursData, oursLoad, oursSelfLoop, oursTwoModel } from './realistic-ours.js';
import { xstateData, xstateLoad, xstateSelfLoop } from './realistic-xstate.js';
import { xstateTwoModel } from './two-model-xstate.js';
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

const pair = (
  name: string,
  unit: Scenario['unit'],
  batch: number,
  ours: Scenario['run'],
  xstate: Scenario['run'],
): ScenarioPair => ({
  pair: name,
  ours: { name: `ours:${name}`, unit, batch, run: ours },
  xstate: { name: `xstate:${name}`, unit, batch, run: xstate },
});

/**
 * The realistic workloads (bench/workloads/*, realistic-*.ts), run with `--pairs`. data: every
 * transition carries data, its target has a validator and a hook (XState: a guard and an
 * action). self-loop: one workflow scanned 1,000 times in InTransit. two-model: every transition
 * moves a parcel and its label. load: load a parcel (XState: restore a persisted snapshot), scan it
 * once, commit (persist).
 */
export const REALISTIC_PAIRS: readonly ScenarioPair[] = [
  pair('data', 'transitions', 1_000, oursData, xstateData),
  pair('self-loop', 'transitions', 1_003, oursSelfLoop, xstateSelfLoop),
  pair('two-model', 'transitions', 1_000, oursTwoModel, xstateTwoModel),
  pair('load', 'workflows', LIFECYCLE_BATCH, oursLoad, xstateLoad),
];

export function pairNamed(name: string): ScenarioPair {
  const found = [...PAIRS, ...REALISTIC_PAIRS].find((p) => p.pair === name);
  if (!found)
    throw new Error(
      `unknown pair '${name}' (known: ${[...PAIRS, ...REALISTIC_PAIRS].map((p) => p.pair).join(', ')})`,
    );
  return found;
}
