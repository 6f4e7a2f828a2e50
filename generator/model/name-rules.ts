import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { isRawObject, rawValueAt } from './raw-value.js';
import { keySpan, valueSpan, type Rule } from './rule-input.js';

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const PROTO = '__proto__';

/** SMF213: the machine name names generated exports (`OrderMachine`, `ORDER_STATES`). */
export const checkMachineName: Rule = (input) => {
  const { name } = input.definition;
  if (PASCAL_CASE.test(name)) return [];
  const suggestion = toPascalCase(name);
  const hint =
    suggestion === undefined
      ? 'start with an uppercase letter and use only letters and digits'
      : `use '${suggestion}'`;
  return [
    diagnosticAt(
      'SMF213',
      valueSpan(input, ['name']),
      `machine name '${name}' is not PascalCase`,
      hint,
    ),
  ];
};

/**
 * SMF212: state, model and context names become property names and literal types.
 * `__proto__` is an identifier, but as an object-literal key it sets the prototype instead, so
 * it is refused wherever a name is written (including the model names of a state).
 */
export const checkIdentifiers: Rule = (input) => {
  const raw = input.parsed.definition ?? {};
  const diagnostics: Diagnostic[] = [];
  const check = (path: readonly string[], noun: string, isValid = isValidName): void => {
    const written = rawValueAt(raw, path);
    for (const name of isRawObject(written) ? Object.keys(written) : []) {
      if (isValid(name)) continue;
      const span = keySpan(input, [...path, name]);
      diagnostics.push(
        name === PROTO
          ? diagnosticAt(
              'SMF212',
              span,
              `${noun} name '__proto__' is reserved`,
              'in an object literal `__proto__` sets the prototype instead of a property: choose another name',
            )
          : diagnosticAt(
              'SMF212',
              span,
              `${noun} name '${name}' is not a valid identifier`,
              'use letters, digits, `_` and `$`, and do not start with a digit',
            ),
      );
    }
  };
  // The raw keys: a validated object has already dropped `__proto__`.
  check(['models'], 'model');
  check(['states'], 'state');
  check(['context'], 'context entry');
  // Other names there are undeclared models (SMF207); only this one would vanish unreported.
  for (const state of Object.keys(input.definition.states)) {
    check(['states', state, 'models'], 'model', (name) => name !== PROTO);
  }
  return diagnostics;
};

function isValidName(name: string): boolean {
  return IDENTIFIER.test(name) && name !== PROTO;
}

function toPascalCase(name: string): string | undefined {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const candidate = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  return PASCAL_CASE.test(candidate) ? candidate : undefined;
}
