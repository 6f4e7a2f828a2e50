import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { describeRawValue } from './raw-value.js';
import { keySpan, valueSpan, type Rule } from './rule-input.js';

/**
 * SMF205 and SMF206: `load` reads a row of the primary (first declared) model and finds its state
 * by the value of its state field, so every state maps that model to a value of its own.
 */
export const checkPrimaryModel: Rule = (input) => {
  const [primary] = Object.entries(input.definition.models);
  if (primary === undefined) {
    return [
      diagnosticAt(
        'SMF205',
        keySpan(input, ['models']),
        'no model is declared, so the machine has no primary model',
        'declare the model whose row holds the state: models: { Order: model<Order>({ stateField, identifierField }) }',
      ),
    ];
  }
  const [primaryName, primaryCall] = primary;
  const stateField = primaryCall.args[0].stateField;
  const diagnostics: Diagnostic[] = [];
  const stateByValue = new Map<string | number | boolean, string>();
  for (const [state, { models }] of Object.entries(input.definition.states)) {
    if (!Object.hasOwn(models, primaryName)) {
      diagnostics.push(
        diagnosticAt(
          'SMF205',
          keySpan(input, ['states', state]),
          `state '${state}' does not map the primary model '${primaryName}'`,
          `add ${primaryName}: <its ${stateField} value> to its models; load finds the state from the ${primaryName} row`,
        ),
      );
      continue;
    }
    const value = models[primaryName];
    if (value === undefined) continue;
    const first = stateByValue.get(value);
    if (first === undefined) {
      stateByValue.set(value, state);
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        'SMF206',
        valueSpan(input, ['states', state, 'models', primaryName]),
        `states '${first}' and '${state}' both store ${describeRawValue(value)} in ${primaryName}.${stateField}`,
        'give each state its own value so load can tell which state a row is in',
      ),
    );
  }
  return diagnostics;
};
