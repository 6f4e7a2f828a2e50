/**
 * In-memory throughput of our runtime (MemoryAdapter) vs an XState v5 actor on the same 4-state
 * machine with one guard/validator and one action/hook (DESIGN §7: ours ≥ 3× XState).
 * Run: `npx tsx bench/runtime-throughput.ts [--rounds 9] [--warmup 3] [--round-ms 500]
 * [--profile]`. Each scenario runs in its own process, so neither library's JIT state affects the
 * other. `--profile` writes V8 CPU profiles to bench/out/profiles/. Writes
 * bench/out/runtime-throughput.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureScenario, type ScenarioResult } from './throughput/measure.js';
import { formatThroughput } from './throughput/report.js';
import { SCENARIOS, scenarioNamed } from './throughput/scenarios.js';

const script = fileURLToPath(import.meta.url);
const outRoot = join(resolve(dirname(script), '..'), 'bench/out');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '3' },
    'round-ms': { type: 'string', default: '500' },
    profile: { type: 'boolean', default: false },
    scenario: { type: 'string' },
  },
});
const settings = {
  rounds: Number(values.rounds),
  warmupRounds: Number(values.warmup),
  roundMs: Number(values['round-ms']),
};

function runChild(name: string): ScenarioResult {
  const profiling = values.profile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        join(outRoot, 'profiles'),
        '--cpu-prof-name',
        `${name.replace(':', '-')}.cpuprofile`,
      ]
    : [];
  const args = [
    ...process.execArgv,
    ...profiling,
    script,
    '--scenario',
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
  return JSON.parse(output) as ScenarioResult;
}

if (values.scenario !== undefined) {
  const result = await measureScenario(scenarioNamed(values.scenario), settings);
  process.stdout.write(JSON.stringify(result));
} else {
  const results = SCENARIOS.map((s) => runChild(s.name));
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(
    join(outRoot, 'runtime-throughput.json'),
    `${JSON.stringify({ settings, results }, null, 2)}\n`,
  );
  const markdown = formatThroughput(results, settings);
  writeFileSync(join(outRoot, 'runtime-throughput.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
}
