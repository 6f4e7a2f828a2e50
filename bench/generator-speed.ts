/**
 * Generator speed (DESIGN §7: 100 definitions in ≤ 2 s cold; an unchanged re-run does no
 * formatting work). Times the built CLI as users run it, in a fresh process each time:
 * `npm run build && npx tsx bench/generator-speed.ts [--count 100] [--runs 3]`.
 * The definitions live under bench/out/ so zod and the DSL resolve through the repository's
 * tsconfig, as in a real project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDefinitions } from './generator-speed/write-definitions.js';
import { median } from './statistics.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repoRoot, 'dist/generator/cli.js');
const workspace = join(repoRoot, 'bench/out/generator-speed');

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } },
});
const count = Number(values.count);
const runs = Number(values.runs);

if (!existsSync(cli)) throw new Error(`${cli} does not exist; run \`npm run build\` first`);

function timedRun(extraArgs: readonly string[] = []): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, workspace, '--quiet', ...extraArgs], { stdio: 'inherit' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const cold: number[] = [];
const unchanged: number[] = [];
for (let run = 0; run < runs; run += 1) {
  rmSync(workspace, { recursive: true, force: true });
  writeDefinitions(workspace, count);
  cold.push(timedRun());
  unchanged.push(timedRun());
}
const forced = Array.from({ length: runs }, () => timedRun(['--force']));
rmSync(workspace, { recursive: true, force: true });

const format = (times: readonly number[]) =>
  `median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`;
console.log(`smf-gen over ${count} definitions, ${runs} runs each, fresh process per run`);
console.log(`cold (no outputs yet):              ${format(cold)}`);
console.log(`unchanged re-run (header skip):     ${format(unchanged)}`);
console.log(`--force re-run (emit + format all): ${format(forced)}`);
