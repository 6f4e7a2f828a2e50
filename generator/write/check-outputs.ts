import { parseGeneratedStamp, type GeneratedStamp } from '../outputs/generated-header.js';
import { readExisting } from './read-existing.js';

/**
 * `stale`: generated from other sources or by another version. `edited`: the header carries
 * this run's stamp, yet the text differs (a hand edit, or other prettier options), so a plain run
 * would skip it and only `--force` rewrites it.
 */
export type CheckStatus = 'current' | 'stale' | 'edited' | 'missing';

export interface CheckOutcome {
  readonly path: string;
  readonly status: CheckStatus;
}

function carries(text: string, stamp: GeneratedStamp): boolean {
  const found = parseGeneratedStamp(text);
  return (
    found?.sourceHash === stamp.sourceHash && found.generatorVersion === stamp.generatorVersion
  );
}

/** Compares what would be written (stamped with `stamp`) with what is on disk; writes nothing. */
export async function checkOutputs(
  files: ReadonlyMap<string, string>,
  stamp: GeneratedStamp,
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const [path, text] of files) {
    const existing = await readExisting(path);
    const status =
      existing === undefined
        ? 'missing'
        : existing === text
          ? 'current'
          : carries(existing, stamp)
            ? 'edited'
            : 'stale';
    outcomes.push({ path, status });
  }
  return outcomes;
}
