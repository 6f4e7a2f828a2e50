import { readExisting } from './read-existing.js';
import { writeFileAtomically } from './write-file-atomically.js';

export type WriteStatus = 'written' | 'unchanged';

export interface WriteOutcome {
  readonly path: string;
  readonly status: WriteStatus;
}

/** Writes each file atomically, leaving files whose content is already right untouched. */
export async function writeOutputs(files: ReadonlyMap<string, string>): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const [path, text] of files) {
    if ((await readExisting(path)) === text) {
      outcomes.push({ path, status: 'unchanged' });
      continue;
    }
    await writeFileAtomically(path, text);
    outcomes.push({ path, status: 'written' });
  }
  return outcomes;
}
