import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  CALL_KEY,
  type ParseResult,
  type RawObject,
  type RawPath,
} from '../definition/parse-result.js';
import { keySpanAt, valueSpanAt } from '../definition/span-index.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { definitionSchema, type ValidDefinition } from './definition-schema.js';
import { describePath } from './describe-path.js';
import { knownKeysAt } from './known-keys.js';
import { describeRawValue, isRawObject, isUnderUnreadable, rawValueAt } from './raw-value.js';
import { didYouMean } from './spelling-suggestion.js';

interface Issue {
  readonly code: string;
  readonly path: RawPath;
  readonly message: string;
  readonly keys?: readonly string[];
}

export interface ShapeResult {
  readonly definition?: ValidDefinition;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validates the raw definition against the definition schema and turns each zod issue into a
 * diagnostic located where the value was written. Issues inside values parse already reported as
 * unreadable are dropped: they would only repeat that report.
 */
export function validateShape(parsed: ParseResult, raw: RawObject): ShapeResult {
  const result = definitionSchema.safeParse(raw);
  if (result.success) return { definition: result.data, diagnostics: [] };
  const diagnostics = flattenIssues(result.error.issues, [])
    .filter((issue) => !isUnderUnreadable(raw, issue.path))
    .flatMap((issue) => issueDiagnostics(issue, parsed, raw));
  return { diagnostics };
}

/**
 * A union reports one issue for the whole value. When exactly one branch matched the value's
 * form and failed deeper inside (an array of targets with one bad entry), that branch's issues
 * point closer to the mistake.
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: RawPath): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = withoutCallKey([
      ...prefix,
      ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
    ]);
    if (issue.code === 'invalid_union') {
      const deeper = issue.errors.filter((branch) =>
        branch.every((inner) => inner.path.length > 0),
      );
      const [only] = deeper;
      if (deeper.length === 1 && only !== undefined) return flattenIssues(only, path);
    }
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    return [
      { code: issue.code, path, message: issue.message, ...(keys === undefined ? {} : { keys }) },
    ];
  });
}

function issueDiagnostics(issue: Issue, parsed: ParseResult, raw: RawObject): Diagnostic[] {
  const { spans, file } = parsed;
  const fallbackSpan = { file, line: 1, column: 1, start: 0, end: 0 };
  if (issue.keys !== undefined) {
    const known = knownKeysAt(raw, issue.path);
    return issue.keys.map((key) =>
      diagnosticAt(
        'SMF106',
        keySpanAt(spans, [...issue.path, key]) ?? fallbackSpan,
        `unknown property '${key}' in ${describePath(raw, issue.path)}`,
        didYouMean(key, known, known.length === 0 ? undefined : `expected ${quoted(known)}`),
      ),
    );
  }
  const parentPath = issue.path.slice(0, -1);
  const key = issue.path.at(-1);
  const parent = rawValueAt(raw, parentPath);
  if (typeof key === 'string' && isRawObject(parent) && !Object.hasOwn(parent, key)) {
    return [
      diagnosticAt(
        'SMF107',
        keySpanAt(spans, parentPath) ?? fallbackSpan,
        `${describePath(raw, parentPath)} is missing '${key}'`,
        `'${key}' must be ${issue.message}`,
      ),
    ];
  }
  const span = valueSpanAt(spans, issue.path) ?? fallbackSpan;
  if (key === 'args' && isRawObject(parent) && Object.hasOwn(parent, CALL_KEY)) {
    const helper = describeRawValue(parent);
    return [diagnosticAt('SMF105', span, `${helper} takes ${issue.message}`)];
  }
  const written = describeRawValue(rawValueAt(raw, issue.path));
  return [
    diagnosticAt(
      'SMF105',
      span,
      `${describePath(raw, issue.path)} must be ${issue.message}, got ${written}`,
    ),
  ];
}

/** An issue with a helper call's '@call' marker is about the call as written. */
function withoutCallKey(path: RawPath): RawPath {
  return path.at(-1) === CALL_KEY ? path.slice(0, -1) : path;
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}
