import type { Expression, SourceFile } from 'ts-morph';
import { Node } from './ts-morph-values.js';
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import type { DslImports } from './dsl-imports.js';
import type {
  DuplicateKey,
  PathSpans,
  RawPath,
  RawUnreadable,
  RawValue,
} from '../definition/parse-result.js';
import { UNREADABLE_KEY } from '../definition/parse-result.js';
import { pathKey } from '../definition/span-index.js';

/** What reading one definition collects besides the raw value. */
export interface ReadContext {
  readonly sourceFile: SourceFile;
  readonly dslImports: DslImports;
  readonly spans: Map<string, PathSpans>;
  readonly duplicateKeys: DuplicateKey[];
  readonly diagnostics: Diagnostic[];
}

/**
 * `readExpression`, handed to the readers of objects and helper calls so they can read nested
 * values without importing it (it imports them).
 */
export type ExpressionReader = (
  written: Expression,
  path: RawPath,
  context: ReadContext,
  keySpan?: SourceSpan,
) => RawValue;

export function recordSpan(
  context: ReadContext,
  path: RawPath,
  value: SourceSpan,
  key?: SourceSpan,
): void {
  context.spans.set(pathKey(path), key === undefined ? { value } : { value, key });
}

export const UNREADABLE: RawUnreadable = Object.freeze({ [UNREADABLE_KEY]: true });

/**
 * Parentheses, `as` and `satisfies` change nothing the generator reads, so `['A'] as const` is
 * read as `['A']`.
 */
export function unwrapExpression(expression: Expression): Expression {
  let current = expression;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isTypeAssertion(current)
    ) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}
