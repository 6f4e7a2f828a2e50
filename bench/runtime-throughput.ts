/**
 * In-memory throughput of our runtime (MemoryAdapter) vs an XState v5 actor on the same 4-state
 * machine with one guard/validator and one action/hook (DESIGN §7: ours ≥ 3× XState). Runs the
 * compiled runtime (dist/, from `npm run build`) as users do.
 * Run: `npx tsx bench/runtime-throughput.ts [--rounds 9] [--warmup 3] [--round-ms 500]
 * [--profile]`. Each pair (steady, lifecycle) runs in its own process, ours and XState
 * alternating round by round. `--profile` writes V8 CPU profiles to bench/out/profiles/. Writes
 * bench/out/runtime-throughput.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';
import { measurePair, type PairResult } from './throughput/measure.js';
import { formatThroughput } from './throughput/report.js';
import { PAIRS, pairNamed } from './throughput/scenarios.js';

const script = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(script), '..');
const outRoot = join(repoRoot, 'bench/out');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '3' },
    'round-ms': { type: 'string', default: '500' },
    profile: { type: 'boolean', default: false },
    pair: { type: 'string' },
  },
});
const settings = {
  rounds: Number(values.rounds),
  warmupRounds: Number(values.warmup),
  roundMs: Number(values['round-ms']),
};

function runChild(name: string): PairResult {
  const profiling = values.profile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        join(outRoot, 'profiles'),
        '--cpu-prof-name',
        `${name}.cpuprofile`,
      ]
    : [];
  const args = [
    ...process.execArgv,
    '--expose-gc',
    ...profiling,
    script,
    '--pair',
    name,
    '--rounds',
    values.rounds,
    '--warmup',
    values.warmup,
    '--round-ms',
    values['round-ms'],
  ];
  process.stderr.write(`${name}…\n`);
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(output) as PairResult;
}

if (values.pair !== undefined) {
  const { pair, ours, xstate } = pairNamed(values.pair);
  const result = await measurePair(pair, ours, xstate, settings);
  process.stdout.write(JSON.stringify(result));
} else {
  assertCompiledRuntimeIsFresh(repoRoot);
  const before = loadavg()[0] ?? 0;
  const results = PAIRS.map((p) => runChild(p.pair));
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
