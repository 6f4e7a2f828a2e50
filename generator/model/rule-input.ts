import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import type { ParseResult, RawPath } from '../definition/parse-result.js';
import { keySpanAt, valueSpanAt } from '../definition/span-index.js';
import type { ValidDefinition } from './definition-schema.js';

/** What every rule reads: the shape-valid definition and where each part of it was written. */
export interface RuleInput {
  readonly definition: ValidDefinition;
  readonly parsed: ParseResult;
}

export type Rule = (input: RuleInput) => Diagnostic[];

export function valueSpan(input: RuleInput, path: RawPath): SourceSpan {
  return valueSpanAt(input.parsed.spans, path) ?? fileStart(input.parsed.file);
}

export function keySpan(input: RuleInput, path: RawPath): SourceSpan {
  return keySpanAt(input.parsed.spans, path) ?? fileStart(input.parsed.file);
}

function fileStart(file: string): SourceSpan {
  return { file, line: 1, column: 1, start: 0, end: 0 };
}

/** `'A', 'B', 'C'`, or undefined when the list is too long to be a useful hint. */
export function quotedList(names: readonly string[], limit = 10): string | undefined {
  if (names.length === 0 || names.length > limit) return undefined;
  return names.map((name) => `'${name}'`).join(', ');
}
