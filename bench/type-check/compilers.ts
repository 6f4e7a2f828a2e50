import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from '../statistics.js';

export interface Compiler {
  readonly label: string;
  /** argv of the compiler, before the project arguments. */
  readonly command: readonly [string, ...string[]];
}

/**
 * TypeScript 7 as users run it (parallel checkers) and single-threaded, whose times a busy
 * machine disturbs less; and TypeScript 5.9.
 */
export function compilersIn(repoRoot: string): readonly Compiler[] {
  const tsc7 = join(repoRoot, 'node_modules/.bin/tsc');
  return [
    { label: 'tsc 7', command: [tsc7] },
    { label: 'tsc 7 --singleThreaded', command: [tsc7, '--singleThreaded'] },
    { label: 'tsc 5.9', command: ['node', join(repoRoot, 'node_modules/typescript5/bin/tsc')] },
  ];
}

export interface CheckCost {
  readonly instantiations: number;
  readonly types: number;
  /** Seconds. */
  readonly checkTime: number;
  /** Seconds. */
  readonly totalTime: number;
  /** Seconds of CPU (user + system, all threads) the compiler process used: less disturbed than
   * the wall-clock times above when other work shares the machine. */
  readonly cpuTime: number;
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no "${name}" in the compiler's diagnostics:\n${output}`);
  return Number(match[1]);
}

/** `times` in bash prints the shell's and then its children's user and system time. */
const CHILD_TIMES = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/;

function childCpuSeconds(stderr: string): number {
  const line = stderr.trimEnd().split('\n').at(-1) ?? '';
  const match = CHILD_TIMES.exec(line);
  if (!match) throw new Error(`no CPU times in: ${line}`);
  const [, userMin, userSec, sysMin, sysSec] = match.map(Number);
  return (userMin ?? 0) * 60 + (userSec ?? 0) + (sysMin ?? 0) * 60 + (sysSec ?? 0);
}

/** One `--extendedDiagnostics` run; a type error fails the benchmark (both sides must be valid). */
export function measureOnce(compiler: Compiler, project: string): CheckCost {
  const argv = [...compiler.command, '-p', project, '--extendedDiagnostics', '--noEmit'];
  const run = spawnSync(
    'bash',
    ['-c', '"$@"; status=$?; times >&2; exit $status', 'bash', ...argv],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) {
    throw new Error(`${compiler.label} failed on ${project}:\n${run.stdout}${run.stderr}`);
  }
  return {
    instantiations: field(run.stdout, 'Instantiations'),
    types: field(run.stdout, 'Types'),
    checkTime: field(run.stdout, 'Check time'),
    totalTime: field(run.stdout, 'Total time'),
    cpuTime: childCpuSeconds(run.stderr),
  };
}

/** Counts are deterministic; times are the median of `runs` runs. */
export function measure(compiler: Compiler, project: string, runs: number): CheckCost {
  const samples = Array.from({ length: runs }, () => measureOnce(compiler, project));
  const first = samples[0];
  if (!first) throw new Error('runs must be at least 1');
  return {
    instantiations: first.instantiations,
    types: first.types,
    checkTime: median(samples.map((s) => s.checkTime)),
    totalTime: median(samples.map((s) => s.totalTime)),
    cpuTime: median(samples.map((s) => s.cpuTime)),
  };
}
