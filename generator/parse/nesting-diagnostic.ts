import fs from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { excessiveNestingOffset, MAX_NESTING_DEPTH } from './nesting-depth.js';

/**
 * SMF115 for a definition file nested too deeply to hand to the (recursive) TypeScript parser,
 * located at the first bracket past the limit; undefined when the file is fine or unreadable
 * (parse reports an unreadable file as SMF100).
 */
export function nestingDiagnostic(file: string): Diagnostic | undefined {
  let text: string;
  try {
    // The parser drops a byte-order mark, so positions are counted without it.
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const offset = excessiveNestingOffset(text);
  if (offset === undefined) return undefined;
  // The line breaks the compiler counts, so the position matches its other diagnostics.
  const lines = text.slice(0, offset).split(/\r\n|[\n\r\u2028\u2029]/);
  const column = (lines.at(-1)?.length ?? 0) + 1;
  return diagnosticAt(
    'SMF115',
    { file, line: lines.length, column, start: offset, end: offset + 1 },
    `brackets nest more than ${MAX_NESTING_DEPTH} levels deep here; smf-gen does not read this file`,
    'a definition needs only a few levels: remove the repeated brackets',
  );
}
