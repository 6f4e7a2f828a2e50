import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../generator/diagnostics/diagnostic.js';
import { definitionWith, writeDefinitions } from '../parse/support/definition-files.js';

const ORDER_MODEL = `  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },`;
const TWO_MODELS = `  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
    Payment: model<Payment>({ stateField: 'state', identifierField: 'paymentId' }),
  },`;
const SIMPLE_STATES = `  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`;

const SOURCES: Readonly<Record<string, string>> = {
  createdInUnknown: definitionWith(
    `${ORDER_MODEL}\n${SIMPLE_STATES}\n  context: { order: instanceOf('Order', { createdIn: 'Pendng' }) },`,
  ),
  instanceOfUndeclared: definitionWith(
    `${TWO_MODELS}\n${SIMPLE_STATES}\n  context: { payment: instanceOf('Paymnt', { createdIn: 'Pending' }) },`,
  ),
  instanceOfWithoutCreatedIn: definitionWith(
    `${ORDER_MODEL}\n${SIMPLE_STATES}\n  context: { order: instanceOf('Order', { required: false }) },`,
  ),
  terminalWithStar: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' }, to: '*' },
  },`),
  emptyTo: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: [] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`),
  warningsBesideBrokenExits: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Looping', 'Completed'] },
    Looping: { models: { Order: 'processing' }, to: ['Looping'] },
    Orphan: { models: { Order: 'cancelled' }, to: ['Completd'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`),
  duplicateTarget: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed', 'Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`),
  duplicateModelAndContext: definitionWith(`  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
  },
${SIMPLE_STATES}
  context: { id: value<string>(), id: value<number>() },`),
  badNames: definitionWith(`  name: '1order',
  models: { 'my model': model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: { start: true, models: { 'my model': 'pending' }, to: ['Completed'] },
    Completed: { terminal: true, models: { 'my model': 'completed' } },
  },
  context: { '2x': value<string>() },`),
  protoNames: definitionWith(`  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
    __proto__: model<Payment>({ stateField: 'state', identifierField: 'paymentId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'] },
    __proto__: { models: { Order: 'processing' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },
  context: { __proto__: value<string>() },`),
  numericValues: definitionWith(`  name: 'Payment',
  models: { Payment: model<Payment>({ stateField: 'paymentId', identifierField: 'state' }) },
  states: {
    Open: { start: true, models: { Payment: 1 }, to: ['Paid'] },
    Paid: { models: { Payment: 1 }, to: ['Done'] },
    Done: { terminal: true, models: { Payment: 'done' } },
  },`),
  starIncludesSelfAndNormalisesOrder: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed', 'Processing'] },
    Processing: { models: { Order: 'processing' }, to: '*' },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`),
  cyclicWithoutTerminal: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing'] },
    Processing: { models: { Order: 'processing' }, to: ['Pending'] },
  },`),
  misspeltModelOption: definitionWith(`  name: 'Order',
  models: { Order: model<Order>({ stateFeld: 'status', identifierField: 'orderId' }) },
${SIMPLE_STATES}`),
  badTargetEntry: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed', 3] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`),
  contextEntryNamedArgs: definitionWith(
    `${ORDER_MODEL}\n${SIMPLE_STATES}\n  context: { args: 'x' },`,
  ),
  secondaryModelSharesValues: definitionWith(`${TWO_MODELS}
  states: {
    Pending: { start: true, models: { Order: 'pending', Payment: 'open' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed', Payment: 'open' } },
  },
  context: { payment: instanceOf('Payment', { createdIn: 'Pending', required: false }) },`),
};

const written = writeDefinitions(SOURCES);
afterAll(() => written.remove());

function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (diagnostic) =>
      `${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnostic.message}${diagnostic.hint === undefined ? '' : ` (${diagnostic.hint})`}`,
  );
}

describe('model rules beyond the one-per-code fixtures', () => {
  it('reports an unknown createdIn state with a suggestion (SMF201)', () => {
    expect(brief(written.analyze('createdInUnknown').diagnostics)).toEqual([
      "12:54 SMF201 unknown state 'Pendng' in createdIn of context entry 'order' (did you mean 'Pending'?)",
    ]);
  });

  it('reports an instanceOf model that is not declared (SMF207)', () => {
    expect(brief(written.analyze('instanceOfUndeclared').diagnostics)).toEqual([
      "15:34 SMF207 model 'Paymnt' is not declared in models (did you mean 'Payment'?)",
    ]);
  });

  it('reports a missing createdIn where the options object is written (SMF107)', () => {
    expect(brief(written.analyze('instanceOfWithoutCreatedIn').diagnostics)).toEqual([
      "12:41 SMF107 argument 2 of instanceOf() in context entry 'order' is missing 'createdIn' ('createdIn' must be a state name)",
    ]);
  });

  it("treats to: '*' on a terminal state as outgoing transitions (SMF203)", () => {
    expect(written.analyze('terminalWithStar').diagnostics.map((d) => d.code)).toEqual(['SMF203']);
  });

  it('treats an empty to on a non-terminal state as no transitions (SMF204)', () => {
    // Completed is unreachable only because Pending has no exits: the error explains it.
    expect(written.analyze('emptyTo').diagnostics.map((d) => d.code)).toEqual(['SMF204']);
  });

  it('still warns beside an error about what the error cannot explain (SMF209, SMF210)', () => {
    expect(brief(written.analyze('warningsBesideBrokenExits').diagnostics)).toEqual([
      "10:5 SMF210 state 'Looping' cannot reach a terminal state (a workflow that enters it can never finish: add a path to a terminal state)",
      "11:5 SMF209 state 'Orphan' cannot be reached from a start state (add it to the `to` of a state, or mark it `start: true`)",
      "11:52 SMF201 unknown target state 'Completd' in state 'Orphan' (did you mean 'Completed'?)",
    ]);
  });

  it('reports a target listed twice (SMF211)', () => {
    expect(brief(written.analyze('duplicateTarget').diagnostics)).toEqual([
      "9:77 SMF211 state 'Pending' lists target 'Completed' twice (first listed at 9:64)",
    ]);
  });

  it('reports duplicate model and context names (SMF211)', () => {
    expect(brief(written.analyze('duplicateModelAndContext').diagnostics)).toEqual([
      "9:5 SMF211 duplicate model 'Order' (first declared at 8:5)",
      "15:35 SMF211 duplicate context entry 'id' (first declared at 15:14)",
    ]);
  });

  it('reports every name that is not an identifier, and a machine name with no PascalCase form', () => {
    expect(brief(written.analyze('badNames').diagnostics)).toEqual([
      "6:9 SMF213 machine name '1order' is not PascalCase (start with an uppercase letter and use only letters and digits)",
      "7:13 SMF212 model name 'my model' is not a valid identifier (use letters, digits, `_` and `$`, and do not start with a digit)",
      "12:14 SMF212 context entry name '2x' is not a valid identifier (use letters, digits, `_` and `$`, and do not start with a digit)",
    ]);
  });

  it('refuses __proto__ as a model, state or context name, saying why (SMF212)', () => {
    const hint =
      '(in an object literal `__proto__` sets the prototype instead of a property: choose another name)';
    const codes212 = written
      .analyze('protoNames')
      .diagnostics.filter((diagnostic) => diagnostic.code === 'SMF212');
    expect(brief(codes212)).toEqual([
      `9:5 SMF212 model name '__proto__' is reserved ${hint}`,
      `13:5 SMF212 state name '__proto__' is reserved ${hint}`,
      `16:14 SMF212 context entry name '__proto__' is reserved ${hint}`,
    ]);
  });

  it('checks primary values of any type for uniqueness and fit (SMF206, SMF111)', () => {
    expect(brief(written.analyze('numericValues').diagnostics)).toEqual([
      "10:32 SMF206 states 'Open' and 'Paid' both store 1 in Payment.paymentId (give each state its own value so load can tell which state a row is in)",
      "11:48 SMF111 'done' does not fit Payment.paymentId, whose type is number",
    ]);
  });

  it("expands '*' to every state including itself, and orders targets as the states are declared", () => {
    const { model, diagnostics } = written.analyze('starIncludesSelfAndNormalisesOrder');

    expect(diagnostics).toEqual([]);
    expect(model?.states.map((state) => [state.name, state.to, state.unrestricted])).toEqual([
      ['Pending', ['Processing', 'Completed'], false],
      ['Processing', ['Pending', 'Processing', 'Completed'], true],
      ['Completed', [], false],
    ]);
  });

  it('accepts a machine without terminal states (it cycles forever)', () => {
    const { model, diagnostics } = written.analyze('cyclicWithoutTerminal');

    expect(diagnostics).toEqual([]);
    expect(model?.states.every((state) => !state.terminal)).toBe(true);
  });

  it('suggests the known option for a misspelt one (SMF106)', () => {
    expect(brief(written.analyze('misspeltModelOption').diagnostics)).toEqual([
      "7:33 SMF107 argument 1 of model() in model 'Order' is missing 'stateField' ('stateField' must be the name of a property of the model type)",
      "7:35 SMF106 unknown property 'stateFeld' in argument 1 of model() in model 'Order' (did you mean 'stateField'?)",
    ]);
  });

  it('points at the bad entry of a to list, not the whole list (SMF105)', () => {
    expect(brief(written.analyze('badTargetEntry').diagnostics)).toEqual([
      "9:77 SMF105 target 2 of state 'Pending' must be a state name, got 3",
    ]);
  });

  it('describes a context entry named args like any other', () => {
    expect(brief(written.analyze('contextEntryNamedArgs').diagnostics)).toEqual([
      "12:20 SMF105 context entry 'args' must be value<T>(), schema(X) or instanceOf(Model, { createdIn }), got 'x'",
    ]);
  });

  it('lets secondary models share values and builds the model', () => {
    const { model, diagnostics } = written.analyze('secondaryModelSharesValues');

    expect(diagnostics).toEqual([]);
    expect(model?.states.map((state) => state.values)).toEqual([
      [
        { model: 'Order', value: 'pending' },
        { model: 'Payment', value: 'open' },
      ],
      [
        { model: 'Order', value: 'completed' },
        { model: 'Payment', value: 'open' },
      ],
    ]);
  });
});
