import type { Parameters } from 'fast-check';

/**
 * fast-check's run options: `numRuns` programs, a failure printed with its seed, shrunk program
 * and shrink path. A fixed seed comes only from the environment (FC_SEED=… to replay a failure).
 */
export function propertyOptions(numRuns: number): Parameters<unknown> {
  const seed = process.env['FC_SEED'];
  return {
    numRuns,
    verbose: 1,
    ...(seed !== undefined && seed !== '' && { seed: Number(seed) }),
    ...(process.env['FC_PATH'] && { path: process.env['FC_PATH'] }),
  };
}
