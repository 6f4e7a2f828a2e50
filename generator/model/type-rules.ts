import type { FieldAcceptance } from '../definition/parse-result.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { describeRawValue } from './raw-value.js';
import { quotedList, valueSpan, type Rule } from './rule-input.js';
import { didYouMean } from './spelling-suggestion.js';

const FIELD_OPTIONS = ['stateField', 'identifierField', 'versionField', 'linkedBy'] as const;

/** SMF110: every field a `model()` option names is a property of the model type. */
export const checkModelFields: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const [model, call] of Object.entries(input.definition.models)) {
    const facts = call.typeArgument?.modelFields;
    if (facts === undefined) continue;
    for (const option of FIELD_OPTIONS) {
      const field = call.args[0][option];
      if (field === undefined || facts.propertyNames.includes(field)) continue;
      diagnostics.push(
        diagnosticAt(
          'SMF110',
          valueSpan(input, ['models', model, 'args', 0, option]),
          `'${field}' is not a property of ${call.typeArgument?.text ?? model}`,
          didYouMean(field, facts.propertyNames, propertiesHint(facts.propertyNames)),
        ),
      );
    }
  }
  return diagnostics;
};

/** SMF112: the runtime compares and increments the version field, so it must be a `number`. */
export const checkVersionFieldType: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const [model, call] of Object.entries(input.definition.models)) {
    const facts = call.typeArgument?.modelFields?.versionField;
    const { versionField } = call.args[0];
    if (facts === undefined || versionField === undefined || facts.isNumber) continue;
    diagnostics.push(
      diagnosticAt(
        'SMF112',
        valueSpan(input, ['models', model, 'args', 0, 'versionField']),
        `versionField ${model}.${versionField} must be a required number, but its type is ${facts.typeText}`,
        'declare the property as `number` (required, not optional): every write compares and increments it',
      ),
    );
  }
  return diagnostics;
};

/** SMF111: the value a state stores in a model fits the type of the model's state field. */
export const checkStateValues: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  const { models } = input.definition;
  for (const [state, definition] of Object.entries(input.definition.states)) {
    for (const [model, value] of Object.entries(definition.models)) {
      const call = Object.hasOwn(models, model) ? models[model] : undefined;
      const acceptance = call?.typeArgument?.modelFields?.stateField;
      if (call === undefined || acceptance === undefined || acceptsValue(acceptance, value))
        continue;
      const stringLiterals = acceptance.literals.filter((literal) => typeof literal === 'string');
      const fieldName = `${model}.${call.args[0].stateField}`;
      diagnostics.push(
        diagnosticAt(
          'SMF111',
          valueSpan(input, ['states', state, 'models', model]),
          `${describeRawValue(value)} does not fit ${fieldName}, whose type is ${acceptance.typeText}`,
          typeof value === 'string' ? didYouMean(value, stringLiterals) : undefined,
        ),
      );
    }
  }
  return diagnostics;
};

function propertiesHint(propertyNames: readonly string[]): string | undefined {
  const list = quotedList(propertyNames);
  return list === undefined ? undefined : `its properties are ${list}`;
}

/** True when `value` is one of the values the field accepts. */
function acceptsValue(acceptance: FieldAcceptance, value: string | number | boolean): boolean {
  if (acceptance.anyValue || acceptance.literals.includes(value)) return true;
  if (typeof value === 'string') return acceptance.anyString;
  if (typeof value === 'number') return acceptance.anyNumber;
  return acceptance.anyBoolean;
}
