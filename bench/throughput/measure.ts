import { median } from '../statistics.js';
import type { Scenario } from './scenarios.js';

export interface RoundSettings {
  readonly warmupRounds: number;
  readonly rounds: number;
  /** A round repeats batches until at least this long has passed. */
  readonly roundMs: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly unit: Scenario['unit'];
  /** Units per second, one per measured round. */
  readonly rates: readonly number[];
  readonly median: number;
}

async function round(scenario: Scenario, roundMs: number): Promise<number> {
  let units = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < roundMs) {
    units += await scenario.run(scenario.batch);
    elapsed = performance.now() - started;
  }
  return (units / elapsed) * 1000;
}

export async function measureScenario(
  scenario: Scenario,
  settings: RoundSettings,
): Promise<ScenarioResult> {
  for (let i = 0; i < settings.warmupRounds; i++) await round(scenario, settings.roundMs);
  const rates: number[] = [];
  for (let i = 0; i < settings.rounds; i++) rates.push(await round(scenario, settings.roundMs));
  return { name: scenario.name, unit: scenario.unit, rates, median: median(rates) };
}
