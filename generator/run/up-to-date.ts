import { readFile } from 'node:fs/promises';
import { GENERATOR_VERSION } from '../generator-version.js';
import type { GeneratedStamp } from '../outputs/generated-header.js';
import { sourceHash } from '../outputs/source-hash.js';
import { outputsCarryStamp } from '../write/read-output-stamps.js';

/**
 * The quick skip: true when every output's header already records this definition's hash and
 * this generator's version, so parsing, emitting and formatting it again would change nothing.
 */
export async function outputsAreUpToDate(
  definitionFile: string,
  outputPaths: readonly string[],
): Promise<boolean> {
  // The parse stage (ts-morph) drops a byte-order mark, so the header hash is of the text without it.
  const text = (await readFile(definitionFile, 'utf8')).replace(/^\uFEFF/, '');
  const stamp: GeneratedStamp = {
    sourceHash: sourceHash(text),
    generatorVersion: GENERATOR_VERSION,
  };
  return outputsCarryStamp(outputPaths, stamp);
}
