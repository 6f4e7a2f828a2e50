import { GENERATOR_VERSION } from '../generator-version.js';
import type { GeneratedStamp } from '../outputs/generated-header.js';
import { sourceHash } from '../outputs/source-hash.js';
import { outputsCarryStamp } from '../write/read-output-stamps.js';
import { localModulesOf, type ReadSource } from './local-imports.js';

/**
 * The stamp a definition's outputs carry: the hash of its text and of the local modules it
 * imports (its model types), and this generator's version. Read from the files, without parsing.
 */
export async function stampOf(definitionFile: string, read: ReadSource): Promise<GeneratedStamp> {
  const text = (await read(definitionFile)) ?? '';
  const localModules = await localModulesOf(definitionFile, text, read);
  return { sourceHash: sourceHash(text, localModules), generatorVersion: GENERATOR_VERSION };
}

/**
 * The quick skip: true when every output's header already records this stamp, so parsing,
 * emitting and formatting the definition again would change nothing.
 */
export function outputsAreUpToDate(
  outputPaths: readonly string[],
  stamp: GeneratedStamp,
): Promise<boolean> {
  return outputsCarryStamp(outputPaths, stamp);
}
