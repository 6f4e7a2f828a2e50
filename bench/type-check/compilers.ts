import { execFileSync } from 'node:child_process';
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
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no "${name}" in the compiler's diagnostics:\n${output}`);
  return Number(match[1]);
}

/** One `--extendedDiagnostics` run; a type error fails the benchmark (both sides must be valid). */
export function measureOnce(
  compiler: Compiler,
  project: string,
  extraArgs: readonly string[] = [],
): CheckCost {
  const [file, ...args] = compiler.command;
  let output: string;
  try {
    output = execFileSync(
      file,
      [...args, '-p', project, '--extendedDiagnostics', '--noEmit', ...extraArgs],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${compiler.label} failed on ${project}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      { cause: error },
    );
  }
  return {
    instantiations: field(output, 'Instantiations'),
    types: field(output, 'Types'),
    checkTime: field(output, 'Check time'),
    totalTime: field(output, 'Total time'),
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
  };
}
