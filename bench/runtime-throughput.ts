/**
 * In-memory throughput of our runtime (MemoryAdapter) vs an XState v5 actor on the same 4-state
 * machine with one guard/validator and one action/hook (goal: ours ≥ 3× XState). Runs the
 * compiled runtime (runtime/dist/, from `npm run build`) as users do.
 * Run: `npx tsx bench/runtime-throughput.ts [--rounds 9] [--warmup 3] [--round-ms 500]
 * [--profile] [--pairs steady,lifecycle]`; `--pairs data,self-loop,two-model,load` runs the
 * realistic workloads (throughput/scenarios.ts). Each pair runs in its own process, ours and
 * XState alternating round by round; writes bench/out/runtime-throughput.{json,md}. `--profile`
 * instead runs every scenario alone in its own process and writes its V8 CPU profile to
 * bench/out/profiles/<pair>-<side>.cpuprofile (rates under the profiler are not comparable).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';
import {
  measureAlone,
  measurePair,
  type PairResult,
  type ScenarioResult,
} from './throughput/measure.js';
import { formatThroughput } from './throughput/report.js';
import { pairNamed } from './throughput/scenarios.js';

const script = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(script), '..');
const outRoot = join(repoRoot, 'bench/out');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '3' },
    'round-ms': { type: 'string', default: '500' },
    profile: { type: 'boolean', default: false },
    pairs: { type: 'string', default: 'steady,lifecycle' },
    pair: { type: 'string' },
    side: { type: 'string' },
  },
});
const selected = values.pairs.split(',').map((name) => pairNamed(name.trim()));

const settings = {
  rounds: Number(values.rounds),
  warmupRounds: Number(values.warmup),
  roundMs: Number(values['round-ms']),
};

type Side = 'ours' | 'xstate';

function runChild(pair: string, side?: Side): string {
  const name = side === undefined ? pair : `${pair}-${side}`;
  const profiling =
    side === undefined
      ? []
      : [
          '--cpu-prof',
          '--cpu-prof-dir',
          join(outRoot, 'profiles'),
          '--cpu-prof-name',
          `${name}.cpuprofile`,
        ];
  const args = [
    ...process.execArgv,
    '--expose-gc',
    ...profiling,
    script,
    '--pair',
    pair,
    ...(side === undefined ? [] : ['--side', side]),
    '--rounds',
    values.rounds,
    '--warmup',
    values.warmup,
    '--round-ms',
    values['round-ms'],
  ];
  process.stderr.write(`${name}…\n`);
  return execFileSync(process.execPath, args, { encoding: 'utf8' });
}

function profileEachSide(): void {
  mkdirSync(join(outRoot, 'profiles'), { recursive: true });
  for (const { pair } of selected) {
    for (const side of ['ours', 'xstate'] as const) {
      const result = JSON.parse(runChild(pair, side)) as ScenarioResult;
      process.stdout.write(
        `${result.name}: ${Math.round(result.median)} ${result.unit}/s (profiling on) → bench/out/profiles/${pair}-${side}.cpuprofile\n`,
      );
    }
  }
}

function compareEachPair(): void {
  const before = loadavg()[0] ?? 0;
  const results = selected.map((p) => JSON.parse(runChild(p.pair)) as PairResult);
  const loadAverage = { before, after: loadavg()[0] ?? 0 };
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(
    join(outRoot, 'runtime-throughput.json'),
    `${JSON.stringify({ settings, loadAverage, results }, null, 2)}\n`,
  );
  const markdown = formatThroughput(results, settings, loadAverage);
  writeFileSync(join(outRoot, 'runtime-throughput.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
}

if (values.pair !== undefined) {
  const { pair, ours, xstate } = pairNamed(values.pair);
  const result =
    values.side === undefined
      ? await measurePair(pair, ours, xstate, settings)
      : await measureAlone(values.side === 'ours' ? ours : xstate, settings);
  process.stdout.write(JSON.stringify(result));
} else {
  assertCompiledRuntimeIsFresh(repoRoot);
  if (values.profile) profileEachSide();
  else compareEachPair();
}
