import { relative, sep } from 'node:path';
import { codeFrame } from './code-frame.js';
import type { Diagnostic } from './diagnostic.js';

/** A path as the user typed it from `cwd`, `/`-separated. */
export function displayPath(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join('/');
}

/**
 * A diagnostic in `tsc` style:
 *
 *     examples/order/order.machine.ts:12:27 - error SMF201: unknown target state 'Procesing'
 *
 *     12     Pending: { start: true, to: ['Procesing'] },
 *                                        ^~~~~~~~~~~
 *       hint: did you mean 'Processing'?
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  cwd: string,
  sourceText: string | undefined,
): string {
  const location = `${displayPath(cwd, diagnostic.file)}:${diagnostic.line}:${diagnostic.column}`;
  const lines = [`${location} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`];
  const frame =
    sourceText === undefined
      ? undefined
      : codeFrame(sourceText, diagnostic.line, diagnostic.column);
  if (frame !== undefined) lines.push('', frame);
  if (diagnostic.hint !== undefined) lines.push(`  hint: ${diagnostic.hint}`);
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `Found 2 errors and 1 warning in 2 files.`, or undefined when there is nothing to report. */
export function formatDiagnosticSummary(diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return undefined;
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  const counts = [
    errors > 0 && plural(errors, 'error'),
    warnings > 0 && plural(warnings, 'warning'),
  ]
    .filter(Boolean)
    .join(' and ');
  return `Found ${counts} in ${plural(files, 'file')}.`;
}
