import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { quotedList, valueSpan, type Rule } from './rule-input.js';
import { didYouMean } from './spelling-suggestion.js';

/**
 * `instanceOf(Model, { createdIn })`: SMF207 when the model is not declared, SMF201 when
 * createdIn is not a state, SMF208 when that state does not map the model (so never creates it).
 */
export const checkInstanceEntries: Rule = (input) => {
  const { models, states, context = {} } = input.definition;
  const modelNames = Object.keys(models);
  const stateNames = Object.keys(states);
  const diagnostics: Diagnostic[] = [];
  for (const [key, entry] of Object.entries(context)) {
    if (entry['@call'] !== 'instanceOf') continue;
    const [model, { createdIn }] = entry.args;
    if (!Object.hasOwn(models, model)) {
      diagnostics.push(
        diagnosticAt(
          'SMF207',
          valueSpan(input, ['context', key, 'args', 0]),
          `model '${model}' is not declared in models`,
          didYouMean(
            model,
            modelNames,
            `declare it: models: { ${model}: model<Type>({ stateField, identifierField }) }`,
          ),
        ),
      );
      continue;
    }
    const createdInPath = ['context', key, 'args', 1, 'createdIn'];
    const state = Object.hasOwn(states, createdIn) ? states[createdIn] : undefined;
    if (state === undefined) {
      const list = quotedList(stateNames);
      diagnostics.push(
        diagnosticAt(
          'SMF201',
          valueSpan(input, createdInPath),
          `unknown state '${createdIn}' in createdIn of context entry '${key}'`,
          didYouMean(
            createdIn,
            stateNames,
            list === undefined ? undefined : `the states are ${list}`,
          ),
        ),
      );
      continue;
    }
    if (Object.hasOwn(state.models, model)) continue;
    const mapping = stateNames.filter((name) => Object.hasOwn(states[name]?.models ?? {}, model));
    const list = quotedList(mapping);
    diagnostics.push(
      diagnosticAt(
        'SMF208',
        valueSpan(input, createdInPath),
        `state '${createdIn}' does not map model '${model}', so entering it does not create one`,
        list === undefined
          ? `add ${model} to the models of state '${createdIn}'`
          : `states that map ${model}: ${list}`,
      ),
    );
  }
  return diagnostics;
};
