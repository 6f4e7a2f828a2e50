import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './codes.js';
import { keySpan, valueSpan, type Rule } from './rule-input.js';

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

const SECTION_NOUN = { states: 'state', models: 'model', context: 'context entry' } as const;

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

/** SMF212: state, model and context names become property names and literal types. */
export const checkIdentifiers: Rule = (input) => {
  const diagnostics: Diagnostic[] = [];
  for (const section of ['states', 'models', 'context'] as const) {
    for (const name of Object.keys(input.definition[section] ?? {})) {
      if (IDENTIFIER.test(name)) continue;
      diagnostics.push(
        diagnosticAt(
          'SMF212',
          keySpan(input, [section, name]),
          `${SECTION_NOUN[section]} name '${name}' is not a valid identifier`,
          'use letters, digits, `_` and `$`, and do not start with a digit',
        ),
      );
    }
  }
  return diagnostics;
};

function toPascalCase(name: string): string | undefined {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const candidate = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  return PASCAL_CASE.test(candidate) ? candidate : undefined;
}
