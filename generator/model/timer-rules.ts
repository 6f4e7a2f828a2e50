import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { keySpan, quotedList, valueSpan, type Rule, type RuleInput } from './rule-input.js';
import { didYouMean } from './spelling-suggestion.js';
import { formatDuration, readDuration } from './timer-duration.js';
import type { ValidState } from './definition-schema.js';

/**
 * SMF214–SMF217: a state's `after` timers. Each has a duration the runtime can schedule, moves to
 * one of the state's own targets (a timer is a transition the clock makes), and no two fire at the
 * same moment. A terminal state is never left, so it has no timers.
 */
export const checkTimers: Rule = (input) => {
  const stateNames = Object.keys(input.definition.states);
  const diagnostics: Diagnostic[] = [];
  for (const [state, definition] of Object.entries(input.definition.states)) {
    const after = definition.after ?? {};
    if (Object.keys(after).length === 0) continue;
    if (definition.terminal === true) {
      diagnostics.push(
        diagnosticAt(
          'SMF216',
          keySpan(input, ['states', state, 'after']),
          `terminal state '${state}' has timers`,
          'remove `after`, or remove `terminal: true`',
        ),
      );
      continue;
    }
    const allowed = definition.to === '*' ? stateNames : (definition.to ?? []);
    const firstKeyByMs = new Map<number, string>();
    for (const [key, target] of inSourceOrder(input, state, after)) {
      const path = ['states', state, 'after', key];
      const reading = readDuration(key);
      if (!reading.ok) {
        diagnostics.push(
          diagnosticAt(
            'SMF214',
            keySpan(input, path),
            `timer '${key}' of state '${state}' ${reading.problem}`,
            reading.hint,
          ),
        );
      } else {
        const first = firstKeyByMs.get(reading.ms);
        if (first === undefined) firstKeyByMs.set(reading.ms, key);
        else diagnostics.push(sameDuration(input, state, first, key, reading.ms));
      }
      if (!allowed.includes(target)) {
        diagnostics.push(
          diagnosticAt(
            'SMF215',
            valueSpan(input, path),
            `timer '${key}' of state '${state}' targets '${target}', which is not in its \`to\``,
            targetHint(target, state, definition, stateNames, allowed),
          ),
        );
      }
    }
  }
  return diagnostics;
};

/** JavaScript lists integer keys (`90000`) first; "the first of two" means as written. */
function inSourceOrder(
  input: RuleInput,
  state: string,
  after: Readonly<Record<string, string>>,
): [string, string][] {
  const start = (key: string) => keySpan(input, ['states', state, 'after', key]).start;
  return Object.entries(after).toSorted(([a], [b]) => start(a) - start(b));
}

function sameDuration(
  input: RuleInput,
  state: string,
  first: string,
  key: string,
  ms: number,
): Diagnostic {
  const firstSpan = keySpan(input, ['states', state, 'after', first]);
  return diagnosticAt(
    'SMF217',
    keySpan(input, ['states', state, 'after', key]),
    `timers '${first}' and '${key}' of state '${state}' both fire after ${formatDuration(ms)}`,
    `'${first}' is declared at ${firstSpan.line}:${firstSpan.column}; keep one of them`,
  );
}

function targetHint(
  target: string,
  state: string,
  definition: ValidState,
  stateNames: readonly string[],
  allowed: readonly string[],
): string | undefined {
  const list = quotedList(allowed);
  const choices = list === undefined ? '' : `, or pick one of ${list}`;
  if (stateNames.includes(target)) {
    return definition.to === undefined
      ? `add \`to: ['${target}']\` to state '${state}'`
      : `add '${target}' to the \`to\` of state '${state}'${choices}`;
  }
  return didYouMean(target, allowed, list === undefined ? undefined : `its targets are ${list}`);
}
