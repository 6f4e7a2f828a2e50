import { readExisting } from './read-existing.js';

export type CheckStatus = 'current' | 'stale' | 'missing';

export interface CheckOutcome {
  readonly path: string;
  readonly status: CheckStatus;
}

/** Compares what would be written with what is on disk; writes nothing. */
export async function checkOutputs(files: ReadonlyMap<string, string>): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const [path, text] of files) {
    const existing = await readExisting(path);
    const status = existing === undefined ? 'missing' : existing === text ? 'current' : 'stale';
    outcomes.push({ path, status });
  }
  return outcomes;
}
