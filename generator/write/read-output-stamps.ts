import { parseGeneratedStamp, type GeneratedStamp } from '../outputs/generated-header.js';
import { readFileStart } from './read-existing.js';

/**
 * True when every output already carries this stamp: the definition has not changed since the
 * same generator version wrote them, so emitting (and formatting) again can be skipped.
 */
export async function outputsCarryStamp(
  paths: readonly string[],
  stamp: GeneratedStamp,
): Promise<boolean> {
  for (const path of paths) {
    const start = await readFileStart(path);
    const found = start === undefined ? undefined : parseGeneratedStamp(start);
    if (
      found?.sourceHash !== stamp.sourceHash ||
      found.generatorVersion !== stamp.generatorVersion
    ) {
      return false;
    }
  }
  return true;
}
