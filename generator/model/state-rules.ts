import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { keySpan, quotedList, valueSpan, type Rule } from './rule-input.js';
import { didYouMean } from './spelling-suggestion.js';

/** SMF201: every `to` target is a state of the machine. */
export const checkTargets: Rule = (input) => {
  const stateNames = Object.keys(input.definition.states);
  const declared = new Set(stateNames);
  const diagnostics: Diagnostic[] = [];
  for (const [state, { to }] of Object.entries(input.definition.states)) {
    if (!Array.isArray(to)) continue;
    to.forEach((target, index) => {
      if (declared.has(target)) return;
      const list = quotedList(stateNames);
      diagnostics.push(
        diagnosticAt(
          'SMF201',
          valueSpan(input, ['states', state, 'to', index]),
          `unknown target state '${target}' in state '${state}'`,
          didYouMean(target, stateNames, list === undefined ? undefined : `the states are ${list}`),
        ),
      );
    });
  }
  return diagnostics;
};

/** SMF202: a fresh workflow needs a state to start in. */
export const checkStartState: Rule = (input) => {
  const states = Object.values(input.definition.states);
  if (states.some((state) => state.start === true)) return [];
  return [
    diagnosticAt(
      'SMF202',
      keySpan(input, ['states']),
      'no state is marked `start: true`',
      'mark the state a new workflow begins in with `start: true`',
    ),
  ];
};

/** SMF203 and SMF204: terminal states have no way out, every other state has one. */
export const checkExits: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const [state, { to, terminal }] of Object.entries(input.definition.states)) {
    const hasExits = to === '*' || (to !== undefined && to.length > 0);
    if (terminal === true && hasExits) {
      diagnostics.push(
        diagnosticAt(
          'SMF203',
          keySpan(input, ['states', state, 'to']),
          `terminal state '${state}' has outgoing transitions`,
          'remove `to`, or remove `terminal: true`',
        ),
      );
    }
    if (terminal !== true && !hasExits) {
      diagnostics.push(
        diagnosticAt(
          'SMF204',
          keySpan(input, ['states', state]),
          `state '${state}' is not terminal and has no transitions`,
          "add `to: [...]` (or `to: '*'` for any state), or mark it `terminal: true`",
        ),
      );
    }
  }
  return diagnostics;
};

/** SMF207: a state maps only declared models. */
export const checkStateModels: Rule = (input) => {
  const modelNames = Object.keys(input.definition.models);
  const declared = new Set(modelNames);
  const diagnostics: Diagnostic[] = [];
  for (const [state, { models }] of Object.entries(input.definition.states)) {
    for (const model of Object.keys(models)) {
      if (declared.has(model)) continue;
      diagnostics.push(
        diagnosticAt(
          'SMF207',
          keySpan(input, ['states', state, 'models', model]),
          `model '${model}' is not declared in models`,
          didYouMean(
            model,
            modelNames,
            `declare it: models: { ${model}: model<Type>({ stateField, identifierField }) }`,
          ),
        ),
      );
    }
  }
  return diagnostics;
};
