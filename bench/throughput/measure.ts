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
  /** Units per wall-clock second, one per measured round. */
  readonly rates: readonly number[];
  readonly median: number;
  /** Units per second of this process's CPU time (all threads, GC included), one per round. */
  readonly cpuRates: readonly number[];
  readonly cpuMedian: number;
}

interface RoundRates {
  readonly wall: number;
  readonly cpu: number;
}

export interface PairResult {
  readonly pair: string;
  readonly ours: ScenarioResult;
  readonly xstate: ScenarioResult;
  /** ours/XState of each round pair (measured back to back, so both saw the same machine load). */
  readonly ratios: readonly number[];
  readonly medianRatio: number;
  /** The same from CPU-time rates, which a machine busy with other processes disturbs less. */
  readonly cpuRatios: readonly number[];
  readonly cpuMedianRatio: number;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

async function round(scenario: Scenario, roundMs: number): Promise<RoundRates> {
  collectGarbage?.();
  let units = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < roundMs) {
    units += await scenario.run(scenario.batch);
    elapsed = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wall: (units / elapsed) * 1000, cpu: (units / cpuMs) * 1000 };
}

function result(scenario: Scenario, rounds: readonly RoundRates[]): ScenarioResult {
  const rates = rounds.map((r) => r.wall);
  const cpuRates = rounds.map((r) => r.cpu);
  return {
    name: scenario.name,
    unit: scenario.unit,
    rates,
    median: median(rates),
    cpuRates,
    cpuMedian: median(cpuRates),
  };
}

/** One scenario on its own (for CPU profiles, which should hold one library only). */
export async function measureAlone(
  scenario: Scenario,
  settings: RoundSettings,
): Promise<ScenarioResult> {
  for (let i = 0; i < settings.warmupRounds; i++) await round(scenario, settings.roundMs);
  const rounds: RoundRates[] = [];
  for (let i = 0; i < settings.rounds; i++) rounds.push(await round(scenario, settings.roundMs));
  return result(scenario, rounds);
}

/**
 * Alternates rounds of ours and XState in one process (the garbage of one is collected before
 * the other's round when run with --expose-gc), so a busy machine slows both alike and the
 * per-round ratios stay comparable even when absolute rates drift.
 */
export async function measurePair(
  pair: string,
  ours: Scenario,
  xstate: Scenario,
  settings: RoundSettings,
): Promise<PairResult> {
  for (let i = 0; i < settings.warmupRounds; i++) {
    await round(ours, settings.roundMs);
    await round(xstate, settings.roundMs);
  }
  const oursRounds: RoundRates[] = [];
  const xstateRounds: RoundRates[] = [];
  for (let i = 0; i < settings.rounds; i++) {
    const [first, second] = i % 2 === 0 ? [ours, xstate] : [xstate, ours];
    const firstRates = await round(first, settings.roundMs);
    const secondRates = await round(second, settings.roundMs);
    oursRounds.push(first === ours ? firstRates : secondRates);
    xstateRounds.push(first === ours ? secondRates : firstRates);
  }
  const ratios = oursRounds.map((r, i) => r.wall / (xstateRounds[i]?.wall ?? Number.NaN));
  const cpuRatios = oursRounds.map((r, i) => r.cpu / (xstateRounds[i]?.cpu ?? Number.NaN));
  return {
    pair,
    ours: result(ours, oursRounds),
    xstate: result(xstate, xstateRounds),
    ratios,
    medianRatio: median(ratios),
    cpuRatios,
    cpuMedianRatio: median(cpuRatios),
  };
}
