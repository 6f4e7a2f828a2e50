import { describe, expect, it } from 'vitest';
import { array, code, object, prop } from '../../support/literal-views.js';
import { machineOf } from './model-builders.js';
import {
  DEFINITION,
  fieldsNamedBy,
  moduleViewParts,
  type ModuleViewCase,
} from './module-view-cases.js';

const timer = (afterMs: number, to: string) => ({ afterMs, to, label: `${afterMs}ms` });
const entry = (afterMs: number, to: string) =>
  object(prop('afterMs', code(String(afterMs))), prop('to', code(`"${to}"`)));

const door = machineOf({
  name: 'Door',
  sourceFile: DEFINITION,
  states: {
    Open: {
      start: true,
      to: ['Closed', 'Locked'],
      timers: [timer(1_000, 'Locked'), timer(60_000, 'Closed'), timer(120_000, 'Locked')],
    },
    Closed: { to: ['Open'] },
    Über: { to: '*', timers: [timer(5, 'Über')] },
    Locked: { terminal: true },
  },
});

const cases: ModuleViewCase[] = [
  {
    decision: 'timer table: every state, its timers as { afterMs, to } in model order, [] for none',
    given: door,
    want: {
      timers: {
        targetMembers: [
          // Each target once, in the order of `to`, like the transitions interface.
          { name: 'Open', type: '"Closed" | "Locked"' },
          { name: 'Closed', type: 'never' },
          { name: '"Über"', type: '"Über"' },
          { name: 'Locked', type: 'never' },
        ],
        table: object(
          prop(
            'Open',
            array(entry(1_000, 'Locked'), entry(60_000, 'Closed'), entry(120_000, 'Locked')),
          ),
          prop('Closed', array()),
          prop('"Über"', array(entry(5, 'Über'))),
          prop('Locked', array()),
        ),
      },
    },
  },
  {
    decision: 'runtime config: `after` only on states with timers, after the other properties',
    given: door,
    want: {
      configStates: object(
        prop(
          'Open',
          object(
            prop('models', object(prop('Item', code('"open"')))),
            prop('to', array(code('"Closed"'), code('"Locked"'))),
            prop('start', code('true')),
            prop(
              'after',
              array(entry(1_000, 'Locked'), entry(60_000, 'Closed'), entry(120_000, 'Locked')),
            ),
          ),
        ),
        prop(
          'Closed',
          object(
            prop('models', object(prop('Item', code('"closed"')))),
            prop('to', array(code('"Open"'))),
          ),
        ),
        prop(
          '"Über"',
          object(
            prop('models', object(prop('Item', code('"über"')))),
            prop('to', array(code('"Open"'), code('"Closed"'), code('"Über"'), code('"Locked"'))),
            prop('after', array(entry(5, 'Über'))),
          ),
        ),
        prop(
          'Locked',
          object(
            prop('models', object(prop('Item', code('"locked"')))),
            prop('to', array()),
            prop('terminal', code('true')),
          ),
        ),
      ),
    },
  },
];

describe('module view: durable timers', () => {
  it.each(cases)('$decision', (viewCase) => {
    expect(fieldsNamedBy(viewCase)).toStrictEqual(viewCase.want);
  });

  it('has no timers part for a machine without timers, so its module is unchanged', () => {
    const plain = machineOf({
      name: 'Door',
      sourceFile: DEFINITION,
      states: { Open: { start: true, to: ['Locked'] }, Locked: { terminal: true } },
    });

    expect('timers' in moduleViewParts(plain)).toBe(false);
  });
});
