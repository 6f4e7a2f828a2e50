/**
 * Generator speed (goal: 100 definitions in ≤ 2 s cold; an unchanged re-run does no
 * formatting work). Times the built CLI as users run it, in a fresh process each time:
 * `npm run build && npx tsx bench/generator-speed.ts [--count 100] [--runs 3] [--cli generator/bin/smf-gen.js]`.
 * The definitions live under bench/out/ so zod and the DSL resolve through the repository's
 * tsconfig, as in a real project.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDefinitions } from './generator-speed/write-definitions.js';
import { median } from './statistics.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(repoRoot, 'bench/out/generator-speed');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    cli: { type: 'string', default: join(repoRoot, 'generator/bin/smf-gen.js') },
  },
});
const cli = resolve(values.cli);
const count = Number(values.count);
const runs = Number(values.runs);

if (!existsSync(cli)) throw new Error(`${cli} does not exist; run \`npm run build\` first`);

// Reports the child's CPU time (all its threads) at exit, next to the wall time measured here.
const CPU_REPORTER = `data:text/javascript,process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-ms:' + Math.round((u.user + u.system) / 1000)); });`;

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timedRun(extraArgs: readonly string[] = []): Timing {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--import', CPU_REPORTER, cli, workspace, '--quiet', ...extraArgs],
    { encoding: 'utf8' },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`smf-gen exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  const cpuMs = Number(/cpu-ms:(\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { wallMs, cpuMs };
}

const loadBefore = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
const cold: Timing[] = [];
const unchanged: Timing[] = [];
for (let run = 0; run < runs; run += 1) {
  rmSync(workspace, { recursive: true, force: true });
  writeDefinitions(workspace, count);
  cold.push(timedRun());
  unchanged.push(timedRun());
}
const forced = Array.from({ length: runs }, () => timedRun(['--force']));
rmSync(workspace, { recursive: true, force: true });

const list = (numbers: readonly number[]) => numbers.map((value) => value.toFixed(0)).join(', ');
const format = (times: readonly Timing[]) => {
  const wall = times.map((time) => time.wallMs);
  const cpu = times.map((time) => time.cpuMs);
  return `wall median ${median(wall).toFixed(0)} ms [${list(wall)}], CPU median ${median(cpu).toFixed(0)} ms [${list(cpu)}]`;
};
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
console.log(`smf-gen over ${count} definitions, ${runs} runs each, fresh process per run`);
console.log(
  `machine: ${availableParallelism()} CPUs, load average before the runs ${loadBefore}, after ${load}`,
);
console.log(`cold (no outputs yet):              ${format(cold)}`);
console.log(`unchanged re-run (header skip):     ${format(unchanged)}`);
console.log(`--force re-run (emit + format all): ${format(forced)}`);
