import type { RoundSettings, ScenarioResult } from './measure.js';

const rate = (value: number): string => Math.round(value).toLocaleString('en-US');

function spread(result: ScenarioResult): string {
  const low = Math.min(...result.rates);
  const high = Math.max(...result.rates);
  return `${rate(low)} – ${rate(high)}`;
}

/** One row per scenario and the ours/XState ratio of each pair (goal: ≥ 3×). */
export function formatThroughput(
  results: readonly ScenarioResult[],
  settings: RoundSettings,
): string {
  const lines = [
    `Median of ${settings.rounds} rounds of ≥ ${settings.roundMs} ms after ${settings.warmupRounds} warm-up rounds; one process per scenario.`,
    '',
    '| scenario | unit | median per second | range |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${r.unit} | ${rate(r.median)} | ${spread(r)} |`),
    '',
    '| pair | ours / XState |',
    '| --- | --- |',
  ];
  const pairs = new Set(results.map((r) => r.name.split(':')[1] ?? ''));
  for (const pair of pairs) {
    const ours = results.find((r) => r.name === `ours:${pair}`);
    const xstate = results.find((r) => r.name === `xstate:${pair}`);
    if (ours && xstate) lines.push(`| ${pair} | ${(ours.median / xstate.median).toFixed(2)}× |`);
  }
  return lines.join('\n');
}
