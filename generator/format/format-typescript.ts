import * as prettier from 'prettier';
import { resolveFormatOptions } from './format-options.js';

/**
 * Prettier's `babel-ts` parser warms up in about two thirds of the time of its `typescript`
 * parser, and a cold run formats every module once. Both print through the same estree printer;
 * the goldens test checks the result is what `prettier --check` (`typescript` parser) expects.
 * Anything `babel-ts` cannot parse goes through the `typescript` parser.
 */
export async function formatTypeScript(text: string, outputFile: string): Promise<string> {
  const options = { ...(await resolveFormatOptions(outputFile)), filepath: outputFile };
  try {
    return await prettier.format(text, { ...options, parser: 'babel-ts' });
  } catch {
    return prettier.format(text, { ...options, parser: 'typescript' });
  }
}
