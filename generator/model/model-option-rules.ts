import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { keySpan, valueSpan, type Rule } from './rule-input.js';

/**
 * SMF113: the version field is written on every transition by incrementing it, so it cannot also
 * hold the state value or the row's identity.
 */
export const checkVersionFieldRole: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const [model, call] of Object.entries(input.definition.models)) {
    const { versionField, stateField, identifierField } = call.args[0];
    if (versionField === undefined) continue;
    const role =
      versionField === stateField
        ? 'stateField'
        : versionField === identifierField
          ? 'identifierField'
          : undefined;
    if (role === undefined) continue;
    diagnostics.push(
      diagnosticAt(
        'SMF113',
        valueSpan(input, ['models', model, 'args', 0, 'versionField']),
        `versionField '${versionField}' of ${model} is also its ${role}`,
        'use a separate number property, e.g. `version: number`',
      ),
    );
  }
  return diagnostics;
};

/** SMF114: `linkedBy` links a model to the primary instance, so the primary model has none. */
export const checkLinkedBy: Rule = (input) => {
  const [primary] = Object.entries(input.definition.models);
  if (primary === undefined) return [];
  const [model, call] = primary;
  if (call.args[0].linkedBy === undefined) return [];
  return [
    diagnosticAt(
      'SMF114',
      keySpan(input, ['models', model, 'args', 0, 'linkedBy']),
      `${model} is the primary model (the first declared), so it cannot have linkedBy`,
      'remove linkedBy here; give it to the models whose rows hold the primary identifier',
    ),
  ];
};
