import type { Parameters } from 'fast-check';

/**
 * fast-check's run options: `numRuns` programs, a failure printed with its seed, shrunk program
 * and shrink path. A fixed seed comes only from the environment (FC_SEED=… and FC_PATH=… to
 * replay a failure); FC_RUNS_SCALE=… multiplies the number of programs for a longer hunt.
 */
export function propertyOptions(numRuns: number): Parameters<unknown> {
  const seed = process.env['FC_SEED'];
  const scale = Number(process.env['FC_RUNS_SCALE'] ?? 1);
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) ? scale : 1))),
    verbose: 1,
    ...(seed !== undefined && seed !== '' && { seed: Number(seed) }),
    ...(process.env['FC_PATH'] && { path: process.env['FC_PATH'] }),
  };
}
