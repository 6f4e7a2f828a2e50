import type { PairResult, RoundSettings, ScenarioResult } from './measure.js';

const rate = (value: number): string => Math.round(value).toLocaleString('en-US');
const ratio = (value: number): string => `${value.toFixed(2)}×`;

function range(values: readonly number[], format: (v: number) => string): string {
  return `${format(Math.min(...values))} – ${format(Math.max(...values))}`;
}

const scenarioRow = (r: ScenarioResult): string =>
  `| ${r.name} | ${r.unit} | ${rate(r.median)} | ${range(r.rates, rate)} | ${rate(r.cpuMedian)} | ${range(r.cpuRates, rate)} | ${(1e6 / r.cpuMedian).toFixed(2)} |`;

/** Rates per scenario and the ours/XState ratio of each pair (goal: ≥ 3×). */
export function formatThroughput(
  results: readonly PairResult[],
  settings: RoundSettings,
  loadAverage: { readonly before: number; readonly after: number },
): string {
  return [
    `${settings.rounds} measured rounds of ≥ ${settings.roundMs} ms per scenario after ${settings.warmupRounds} warm-up rounds; ours and XState alternate round by round in one process per pair.`,
    `1-minute load average: ${loadAverage.before.toFixed(2)} before, ${loadAverage.after.toFixed(2)} after.`,
    '',
    '| scenario | unit | median per wall second | range | median per CPU second | range | CPU µs per unit |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap((r) => [scenarioRow(r.ours), scenarioRow(r.xstate)]),
    '',
    '| pair | ours / XState, wall (median of per-round ratios) | range | ours / XState, CPU | range |',
    '| --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.pair} | ${ratio(r.medianRatio)} | ${range(r.ratios, ratio)} | ${ratio(r.cpuMedianRatio)} | ${range(r.cpuRatios, ratio)} |`,
    ),
  ].join('\n');
}
