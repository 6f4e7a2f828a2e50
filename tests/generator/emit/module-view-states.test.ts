import { describe, expect, it } from 'vitest';
import { array, code, object, prop } from '../../support/literal-views.js';
import { machineOf, modelOf } from './model-builders.js';
import { DEFINITION, fieldsNamedBy, type ModuleViewCase } from './module-view-cases.js';

const door = machineOf({
  name: 'Door',
  sourceFile: DEFINITION,
  states: {
    Open: { start: true, to: ['Closed'] },
    Closed: { to: ['Locked', 'Open'] },
    Locked: { terminal: true },
  },
});

const loop = machineOf({
  name: 'Loop',
  sourceFile: DEFINITION,
  states: {
    A: { start: true, to: ['B', 'C', 'A'] },
    B: { to: '*' },
    C: { to: ['C', 'A', 'B'] },
  },
});

/** Two models, both mapped by every state: only their order says which is primary. */
function vending(order: readonly ('Purchase' | 'Vendor')[]) {
  return machineOf({
    name: 'Vending',
    sourceFile: DEFINITION,
    models: order.map((name) =>
      modelOf(DEFINITION, name, { kind: 'text', text: '{ id: string }' }),
    ),
    states: {
      Idle: { start: true, to: ['Sold'], values: { Purchase: 'idle', Vendor: 'free' } },
      Sold: { terminal: true, values: { Purchase: 'sold', Vendor: 'free' } },
    },
  });
}

const cases: ModuleViewCase[] = [
  {
    decision: 'state names: the list and the union, in declaration order',
    given: door,
    want: {
      stateList: array(code('"Open"'), code('"Closed"'), code('"Locked"')),
      stateUnion: '"Open" | "Closed" | "Locked"',
    },
  },
  {
    decision:
      'transition table: one entry per state, targets as the model lists them, never for none',
    given: door,
    want: {
      transitionMembers: [
        { name: 'Open', type: '"Closed"' },
        { name: 'Closed', type: '"Locked" | "Open"' },
        { name: 'Locked', type: 'never' },
      ],
      transitionTable: object(
        prop('Open', array(code('"Closed"'))),
        prop('Closed', array(code('"Locked"'), code('"Open"'))),
        prop('Locked', array()),
      ),
    },
  },
  {
    decision: 'state names that are not ASCII identifiers: quoted keys',
    given: machineOf({
      name: 'Gate',
      sourceFile: DEFINITION,
      states: {
        Offen: { start: true, to: ['Geschlossen'] },
        Geschlossen: { to: ['Offen'] },
        Über: { to: ['Offen'] },
      },
    }),
    want: {
      stateUnion: '"Offen" | "Geschlossen" | "Über"',
      transitionMembers: [
        { name: 'Offen', type: '"Geschlossen"' },
        { name: 'Geschlossen', type: '"Offen"' },
        { name: '"Über"', type: '"Offen"' },
      ],
    },
  },
  {
    decision: 'start states: the union of the states marked start',
    given: door,
    want: { startUnion: '"Open"' },
  },
  {
    decision: 'several start states: all of them, in declaration order',
    given: machineOf({
      name: 'Flags',
      sourceFile: DEFINITION,
      states: { On: { start: true, to: ['Off'] }, Off: { start: true, terminal: true } },
    }),
    want: { startUnion: '"On" | "Off"' },
  },
  {
    decision: 'terminal states: the union of the states marked terminal',
    given: door,
    want: { terminalUnion: '"Locked"' },
  },
  {
    decision: 'no terminal state: the terminal union is never',
    given: loop,
    want: { terminalUnion: 'never' },
  },
  {
    decision:
      'targets legal from every state: in state declaration order, not as one state lists them',
    given: loop,
    want: { anyStateTargets: '"A" | "B" | "C"' },
  },
  {
    decision: 'a terminal state leaves no target legal from every state: never',
    given: door,
    want: { anyStateTargets: 'never' },
  },
  {
    decision: 'state instances: the models a state maps are required, the others optional',
    given: machineOf({
      name: 'Shop',
      sourceFile: DEFINITION,
      models: [
        modelOf(DEFINITION, 'Order', { kind: 'import', name: 'Order', from: './models.js' }),
        modelOf(DEFINITION, 'Payment', { kind: 'text', text: '{ id: string }' }),
      ],
      states: {
        New: { start: true, to: ['Paid'], values: { Order: 'new' } },
        Paid: { terminal: true, values: { Order: 'paid', Payment: 'captured' } },
      },
    }),
    want: {
      stateInstanceMembers: [
        { name: 'New', type: '{ Order: Order; Payment?: { id: string } | undefined }' },
        { name: 'Paid', type: '{ Order: Order; Payment: { id: string } }' },
      ],
    },
  },
  {
    decision:
      'primary model: the first model declared, even when another is mapped by every state too',
    given: vending(['Purchase', 'Vendor']),
    want: { primaryModel: '"Purchase"' },
  },
  {
    decision: 'primary model: declaration order decides, not the model names',
    given: vending(['Vendor', 'Purchase']),
    want: { primaryModel: '"Vendor"' },
  },
  {
    decision: 'state config: values of any type, targets, and start/terminal only where set',
    given: machineOf({
      name: 'Flags',
      sourceFile: DEFINITION,
      states: {
        On: { start: true, to: ['Off', 'Broken'], values: { Item: 1 } },
        Off: { start: true, terminal: true, values: { Item: false } },
        Broken: { terminal: true, values: { Item: 'broken' } },
      },
    }),
    want: {
      configStates: object(
        prop(
          'On',
          object(
            prop('models', object(prop('Item', code('1')))),
            prop('to', array(code('"Off"'), code('"Broken"'))),
            prop('start', code('true')),
          ),
        ),
        prop(
          'Off',
          object(
            prop('models', object(prop('Item', code('false')))),
            prop('to', array()),
            prop('start', code('true')),
            prop('terminal', code('true')),
          ),
        ),
        prop(
          'Broken',
          object(
            prop('models', object(prop('Item', code('"broken"')))),
            prop('to', array()),
            prop('terminal', code('true')),
          ),
        ),
      ),
    },
  },
  {
    decision:
      'string state values: escaped into source form (quotes, backslashes, control and lone surrogates)',
    given: machineOf({
      name: 'Odd',
      sourceFile: DEFINITION,
      states: {
        Only: { start: true, terminal: true, values: { Item: 'say "hi"\\ \n é\t\u{1F600}\uD800' } },
      },
    }),
    want: {
      configStates: object(
        prop(
          'Only',
          object(
            prop(
              'models',
              object(prop('Item', code('"say \\"hi\\"\\\\ \\n é\\t\u{1F600}\\ud800"'))),
            ),
            prop('to', array()),
            prop('start', code('true')),
            prop('terminal', code('true')),
          ),
        ),
      ),
    },
  },
];

describe('module view: states and transitions', () => {
  it.each(cases)('$decision', (viewCase) => {
    expect(fieldsNamedBy(viewCase)).toStrictEqual(viewCase.want);
  });
});
