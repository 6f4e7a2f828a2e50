import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParseResult } from '../definition/parse-result.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { describePath } from './describe-path.js';
import { valueSpan, type Rule } from './rule-input.js';

const DUPLICATE_NOUN: Readonly<Record<string, string>> = {
  states: 'state',
  models: 'model',
  context: 'context entry',
};

/** SMF211 for object literals that name a property twice (parse keeps only the first). */
export function duplicateKeyDiagnostics(parsed: ParseResult): Diagnostic[] {
  const definition = parsed.definition ?? {};
  return parsed.duplicateKeys.map((duplicate) => {
    const [section] = duplicate.path;
    const noun = duplicate.path.length === 1 ? DUPLICATE_NOUN[String(section)] : undefined;
    const message =
      noun === undefined
        ? `duplicate property '${duplicate.key}' in ${describePath(definition, duplicate.path)}`
        : `duplicate ${noun} '${duplicate.key}'`;
    const { line, column } = duplicate.firstSpan;
    return diagnosticAt('SMF211', duplicate.span, message, `first declared at ${line}:${column}`);
  });
}

/** SMF211 for a `to` list that names a target twice. */
export const checkDuplicateTargets: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const [state, { to }] of Object.entries(input.definition.states)) {
    if (!Array.isArray(to)) continue;
    const seen = new Map<string, number>();
    to.forEach((target, index) => {
      const first = seen.get(target);
      if (first === undefined) {
        seen.set(target, index);
        return;
      }
      const firstSpan = valueSpan(input, ['states', state, 'to', first]);
      diagnostics.push(
        diagnosticAt(
          'SMF211',
          valueSpan(input, ['states', state, 'to', index]),
          `state '${state}' lists target '${target}' twice`,
          `first listed at ${firstSpan.line}:${firstSpan.column}`,
        ),
      );
    });
  }
  return diagnostics;
};
