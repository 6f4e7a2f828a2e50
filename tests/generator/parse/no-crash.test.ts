import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../../generator/diagnostics/codes.js';
import type { MachineModelResult } from '../../../generator/model/build-machine-model.js';
import { definitionWith, FIXTURES, writeDefinitions } from './support/definition-files.js';

const STATES = `  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },`;

/** Each source must be reported with (at least) the given code, and never throw. */
const GARBAGE: Readonly<Record<string, readonly [code: string, source: string]>> = {
  'empty-file': ['SMF101', ''],
  'only-comments': ['SMF101', '// nothing here\n/* still nothing */\n'],
  'unclosed-call': ['SMF100', definitionWith(STATES).replace(/\}\);\n$/, '')],
  'missing-comma': [
    'SMF100',
    definitionWith(`${STATES}\n  states: { A: { start: true } terminal: true }`),
  ],
  'binary-noise': ['SMF100', '\u0000\u0001\u0002\uFFFD@@@ export default ]]]'],
  'not-typescript': ['SMF100', 'def machine():\n    return {"name": "Order"}\n'],
  'no-default-export': ['SMF101', "export const name = 'Order';\n"],
  'export-equals': [
    'SMF101',
    "import { defineMachine } from 'state-machine-framework/dsl';\nexport = defineMachine({});\n",
  ],
  'default-export-number': ['SMF102', 'export default 42;\n'],
  'default-export-object': ['SMF102', "export default { name: 'Order' };\n"],
  'default-export-function': ['SMF102', 'export default function machine() {}\n'],
  'default-export-by-name': ['SMF102', 'const machine = 1;\nexport { machine as default };\n'],
  'define-machine-not-imported': [
    'SMF102',
    "declare function defineMachine(x: unknown): unknown;\nexport default defineMachine({ name: 'Order' });\n",
  ],
  'define-machine-no-argument': [
    'SMF102',
    "import { defineMachine } from 'state-machine-framework/dsl';\nexport default defineMachine();\n",
  ],
  'define-machine-two-arguments': [
    'SMF102',
    definitionWith(STATES).replace(/\}\);\n$/, '}, {});\n'),
  ],
  'define-machine-of-variable': [
    'SMF102',
    "import { defineMachine } from 'state-machine-framework/dsl';\nconst d = {};\nexport default defineMachine(d);\n",
  ],
  'spread-in-definition': ['SMF103', definitionWith(`  ...base,\n${STATES}`, 'const base = {};')],
  'spread-in-states': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { ...others, A: { start: true, models: { Order: 'pending' }, to: '*' } },`,
      'const others = {};',
    ),
  ],
  'spread-in-to': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: 'pending' }, to: [...targets] } },`,
      "const targets = ['A'];",
    ),
  ],
  'array-hole': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: 'pending' }, to: ['A', , 'A'] } },`,
    ),
  ],
  'computed-key': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { [stateName]: { start: true, models: { Order: 'pending' }, to: '*' } },`,
      "const stateName = 'A';",
    ),
  ],
  'computed-string-key': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { ['A']: { start: true, models: { Order: 'pending' }, to: '*' } },`,
    ),
  ],
  'function-call': [
    'SMF103',
    definitionWith(`${STATES}\n  states: makeStates(),`, 'declare function makeStates(): never;'),
  ],
  'method-call-on-value': [
    'SMF103',
    definitionWith(`  name: 'order'.toUpperCase(),\n  models: {},\n  states: {},`),
  ],
  'template-with-substitution': [
    'SMF103',
    definitionWith(
      `  name: \`\${prefix}Order\`,\n  models: {},\n  states: {},`,
      "const prefix = 'X';",
    ),
  ],
  'shorthand-property': [
    'SMF103',
    definitionWith(`  name,\n  models: {},\n  states: {},`, "const name = 'Order';"),
  ],
  'method-property': [
    'SMF103',
    definitionWith(`  name() { return 'Order'; },\n  models: {},\n  states: {},`),
  ],
  'getter-property': [
    'SMF103',
    definitionWith(`  get name() { return 'Order'; },\n  models: {},\n  states: {},`),
  ],
  'arrow-function': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: () => 'pending' }, to: '*' } },`,
    ),
  ],
  'new-expression': [
    'SMF103',
    definitionWith(`  name: new String('Order'),\n  models: {},\n  states: {},`),
  ],
  'enum-member': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: Status.Pending }, to: '*' } },`,
      "enum Status { Pending = 'pending' }",
    ),
  ],
  'bigint-literal': [
    'SMF105',
    definitionWith(`${STATES}\n  states: { A: { start: true, models: { Order: 10n }, to: '*' } },`),
  ],
  'undefined-identifier': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: 'pending' }, to: undefined } },`,
    ),
  ],
  'non-null-assertion': [
    'SMF103',
    definitionWith(`  name: 'Order'!,\n  models: {},\n  states: {},`),
  ],
  'binary-expression': [
    'SMF103',
    definitionWith(`  name: 'Ord' + 'er',\n  models: {},\n  states: {},`),
  ],
  'conditional-expression': [
    'SMF103',
    definitionWith(`  name: true ? 'Order' : 'Other',\n  models: {},\n  states: {},`),
  ],
  'regular-expression': [
    'SMF103',
    definitionWith(`  name: /Order/,\n  models: {},\n  states: {},`),
  ],
  'nested-define-machine': ['SMF103', definitionWith(`${STATES}\n  states: defineMachine({}),`)],
  'unknown-helper': [
    'SMF103',
    definitionWith(
      `${STATES}\n  states: {},\n  context: { x: other<string>() },`,
      'declare function other<T>(): T;',
    ),
  ],
  'reserved-call-key': [
    'SMF103',
    definitionWith(`${STATES}\n  states: {},\n  context: { x: { '@call': 'value', args: [] } },`),
  ],
  'schema-of-call': [
    'SMF104',
    definitionWith(`${STATES}\n  states: {},\n  context: { data: schema(z.object({})) },`),
  ],
  'schema-of-unknown-name': [
    'SMF104',
    definitionWith(`${STATES}\n  states: {},\n  context: { data: schema(Missing) },`),
  ],
  'schema-of-let': [
    'SMF104',
    definitionWith(
      `${STATES}\n  states: {},\n  context: { data: schema(Data) },`,
      'export let Data = z.object({});',
    ),
  ],
  'schema-without-argument': [
    'SMF105',
    definitionWith(`${STATES}\n  states: {},\n  context: { data: schema() },`),
  ],
  'value-with-two-arguments': [
    'SMF105',
    definitionWith(`${STATES}\n  states: {},\n  context: { x: value<string>({}, {}) },`),
  ],
  'model-without-arguments': [
    'SMF105',
    definitionWith(`  name: 'Order',\n  models: { Order: model<Order>() },\n  states: {},`),
  ],
  'states-is-array': ['SMF105', definitionWith(`${STATES}\n  states: [],`)],
  'name-is-number': ['SMF105', definitionWith(`  name: 1,\n  models: {},\n  states: {},`)],
  'context-entry-is-string': [
    'SMF105',
    definitionWith(`${STATES}\n  states: {},\n  context: { x: 'string' },`),
  ],
  'model-is-value-call': [
    'SMF105',
    definitionWith(`  name: 'Order',\n  models: { Order: value<Order>() },\n  states: {},`),
  ],
  'nested-arrays-in-to': [
    'SMF105',
    definitionWith(
      `${STATES}\n  states: { A: { start: true, models: { Order: 'pending' }, to: [['A']] } },`,
    ),
  ],
  'null-models': [
    'SMF105',
    definitionWith(`${STATES}\n  states: { A: { start: true, models: null, to: '*' } },`),
  ],
  'unknown-root-property': ['SMF106', definitionWith(`${STATES}\n  states: {},\n  initial: 'A',`)],
  'empty-definition': ['SMF107', definitionWith('')],
  'model-without-type-argument': [
    'SMF108',
    definitionWith(
      `  name: 'Order',\n  models: { Order: model({ stateField: 'status', identifierField: 'orderId' }) },\n  states: {},`,
    ),
  ],
  'generic-type-argument': [
    'SMF109',
    definitionWith(`${STATES}\n  states: {},\n  context: { list: value<Array<Order>>() },`),
  ],
  'default-imported-type': [
    'SMF109',
    definitionWith(
      `${STATES}\n  states: {},\n  context: { x: value<Thing>() },`,
      "import type Thing from './models.js';",
    ),
  ],
  'unresolvable-import': [
    'SMF109',
    definitionWith(
      `${STATES}\n  states: {},\n  context: { x: value<Nope>() },`,
      "import type { Nope } from './models.js';",
    ),
  ],
  'proto-state-name': [
    'SMF212',
    definitionWith(
      `${STATES}\n  states: { ['__proto__']: { start: true, terminal: true, models: { Order: 'pending' } } },`,
    ).replace("['__proto__']", '__proto__'),
  ],
  'empty-states': ['SMF202', definitionWith(`${STATES}\n  states: {},`)],
  'no-models': [
    'SMF205',
    definitionWith(
      `  name: 'Order',\n  models: {},\n  states: { A: { start: true, terminal: true, models: {} } },`,
    ),
  ],
};

const written = writeDefinitions(
  Object.fromEntries(Object.entries(GARBAGE).map(([name, [, source]]) => [name, source])),
);
afterAll(() => written.remove());

const KNOWN_CODES = new Set<string>(DIAGNOSTIC_CODES.map((info) => info.code));

function expectWellFormed(result: MachineModelResult, file: string): void {
  for (const diagnostic of result.diagnostics) {
    expect(KNOWN_CODES).toContain(diagnostic.code);
    expect(diagnostic.file).toBe(file);
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.message).not.toBe('');
  }
}

describe('no input crashes the parse and model stages', () => {
  const cases = Object.entries(GARBAGE).map(([name, [code]]) => [name, code] as const);

  it.each(cases)('%s is reported as %s', (name, code) => {
    const result = written.analyze(name);

    expectWellFormed(result, written.fileOf(name));
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain(code);
    expect(result.model).toBeUndefined();
  });

  it('reports a missing file as SMF100', () => {
    const result = written.analyze('does-not-exist');

    expect(result.diagnostics).toMatchObject([
      { code: 'SMF100', line: 1, column: 1, message: 'cannot read the file' },
    ]);
    expect(result.model).toBeUndefined();
  });

  it('reports every truncation of a valid definition without throwing', () => {
    const source = fs.readFileSync(path.join(FIXTURES, 'valid/order/order.machine.ts'), 'utf8');
    const complete = source.lastIndexOf('});');
    const cuts = Array.from({ length: 60 }, (_, index) => Math.floor((index * complete) / 60));
    const truncated = writeDefinitions(
      Object.fromEntries(cuts.map((cut) => [`cut-${cut}`, source.slice(0, cut)])),
    );
    try {
      for (const cut of cuts) {
        const result = truncated.analyze(`cut-${cut}`);
        expectWellFormed(result, truncated.fileOf(`cut-${cut}`));
        expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
      }
    } finally {
      truncated.remove();
    }
  });
});
