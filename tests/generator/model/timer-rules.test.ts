import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../generator/diagnostics/diagnostic.js';
import { definitionWith, writeDefinitions } from '../parse/support/definition-files.js';

const ORDER_MODEL = `  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },`;

/** Pending (start) → Processing → Completed | Cancelled, with `pending` written into Pending. */
function withPending(pending: string, processing = "to: ['Completed', 'Cancelled']"): string {
  return definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, ${pending} },
    Processing: { models: { Order: 'processing' }, ${processing} },
    Completed: { terminal: true, models: { Order: 'completed' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },`);
}

const TO = "to: ['Processing', 'Cancelled']";

const SOURCES: Readonly<Record<string, string>> = {
  everyForm: withPending(
    `${TO}, after: { '500ms': 'Processing', '15m': 'Cancelled', 90000: 'Cancelled', '7d': 'Processing', '3650d': 'Cancelled' }`,
    "to: '*', after: { '48h': 'Cancelled', 1: 'Pending' }",
  ),
  badDurations: withPending(
    `${TO}, after: { '0s': 'Cancelled', '-5m': 'Cancelled', '0.5': 'Cancelled', '0.25s': 'Cancelled', '+2h': 'Cancelled', '3651d': 'Cancelled', 315360000001: 'Cancelled', '2H': 'Cancelled', '2w': 'Cancelled', '': 'Cancelled', '1e3': 'Cancelled' }`,
  ),
  targetsNotInTo: withPending(
    `${TO}, after: { '1h': 'Procesing', '2h': 'Completed', '3h': 'Nowhere' }`,
    "to: '*', after: { '1d': 'Complted' }",
  ),
  targetWithoutTo: withPending(`after: { '1h': 'Processing' }`),
  sameDuration: withPending(
    `${TO}, after: { '1d': 'Cancelled', '24h': 'Cancelled', '1440m': 'Processing', 86400000: 'Cancelled' }`,
  ),
  sameKeyTwice: withPending(`${TO}, after: { 1000: 'Cancelled', '1000': 'Processing' }`),
  badDurationAndTarget: withPending(`${TO}, after: { '1x': 'Complted' }`),
  terminalWithTimers: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' }, after: { '0s': 'Nowhere' } },
  },`),
  terminalWithEmptyAfter: definitionWith(`${ORDER_MODEL}
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'], after: {} },
    Completed: { terminal: true, models: { Order: 'completed' }, after: {} },
  },`),
  targetNotAString: withPending(`${TO}, after: { '1h': 3 }`),
  afterNotAnObject: withPending(`${TO}, after: ['1h'] `),
  misspeltAfter: withPending(`${TO}, afer: { '1h': 'Cancelled' }`),
};

const written = writeDefinitions(SOURCES);
afterAll(() => written.remove());

function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (diagnostic) =>
      `${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnostic.message}${diagnostic.hint === undefined ? '' : ` (${diagnostic.hint})`}`,
  );
}

const FORMS =
  "write a whole number followed by ms, s, m, h or d ('500ms', '30s', '15m', '48h', '7d'), or a number of milliseconds";
const AT_LEAST_1MS = 'a timer fires at the earliest 1ms after its state is entered';
const TOO_LONG = "the longest timer is '3650d'; wait longer outside the machine";

describe('durable timers (`after`) in the model stage', () => {
  it('reads every form of duration, sorts timers shortest first and labels them for diagrams', () => {
    const { model, diagnostics } = written.analyze('everyForm');

    expect(diagnostics).toEqual([]);
    expect(model?.states.map((state) => [state.name, state.timers])).toEqual([
      [
        'Pending',
        [
          { afterMs: 500, to: 'Processing', label: '500ms' },
          { afterMs: 90_000, to: 'Cancelled', label: '90s' },
          { afterMs: 900_000, to: 'Cancelled', label: '15m' },
          { afterMs: 604_800_000, to: 'Processing', label: '7d' },
          { afterMs: 315_360_000_000, to: 'Cancelled', label: '3650d' },
        ],
      ],
      [
        'Processing',
        [
          { afterMs: 1, to: 'Pending', label: '1ms' },
          { afterMs: 172_800_000, to: 'Cancelled', label: '48h' },
        ],
      ],
      ['Completed', []],
      ['Cancelled', []],
    ]);
  });

  it('reports each bad duration at its key, saying what is wrong (SMF214)', () => {
    expect(brief(written.analyze('badDurations').diagnostics)).toEqual([
      `9:101 SMF214 timer '0s' of state 'Pending' is zero (${AT_LEAST_1MS})`,
      `9:120 SMF214 timer '-5m' of state 'Pending' is negative (${AT_LEAST_1MS})`,
      "9:140 SMF214 timer '0.5' of state 'Pending' is not a whole number of milliseconds (timers count whole milliseconds)",
      "9:160 SMF214 timer '0.25s' of state 'Pending' is not a whole number of its unit (write '250ms')",
      "9:182 SMF214 timer '+2h' of state 'Pending' has a sign (write '2h')",
      `9:202 SMF214 timer '3651d' of state 'Pending' is longer than 3650d (about 10 years) (${TOO_LONG})`,
      `9:224 SMF214 timer '315360000001' of state 'Pending' is longer than 3650d (about 10 years) (${TOO_LONG})`,
      "9:251 SMF214 timer '2H' of state 'Pending' is not a duration (units are lowercase: '2h')",
      `9:270 SMF214 timer '2w' of state 'Pending' is not a duration (${FORMS})`,
      `9:289 SMF214 timer '' of state 'Pending' is not a duration (${FORMS})`,
      `9:306 SMF214 timer '1e3' of state 'Pending' is not a duration (${FORMS})`,
    ]);
  });

  it("reports a target outside the state's `to` at the target, with a suggestion (SMF215)", () => {
    expect(brief(written.analyze('targetsNotInTo').diagnostics)).toEqual([
      "9:107 SMF215 timer '1h' of state 'Pending' targets 'Procesing', which is not in its `to` (did you mean 'Processing'?)",
      "9:126 SMF215 timer '2h' of state 'Pending' targets 'Completed', which is not in its `to` (add 'Completed' to the `to` of state 'Pending', or pick one of 'Processing', 'Cancelled')",
      "9:145 SMF215 timer '3h' of state 'Pending' targets 'Nowhere', which is not in its `to` (its targets are 'Processing', 'Cancelled')",
      // With to: '*' every state is a target, so only a name that is no state fails.
      "10:76 SMF215 timer '1d' of state 'Processing' targets 'Complted', which is not in its `to` (did you mean 'Completed'?)",
    ]);
  });

  it('reports a timer of a state without `to` beside the missing `to` (SMF204, SMF215)', () => {
    expect(brief(written.analyze('targetWithoutTo').diagnostics)).toEqual([
      "9:5 SMF204 state 'Pending' is not terminal and has no transitions (add `to: [...]` (or `to: '*'` for any state), or mark it `terminal: true`)",
      "9:74 SMF215 timer '1h' of state 'Pending' targets 'Processing', which is not in its `to` (add `to: ['Processing']` to state 'Pending')",
    ]);
  });

  it('reports both a bad duration and a bad target of one timer', () => {
    expect(written.analyze('badDurationAndTarget').diagnostics.map((d) => d.code)).toEqual([
      'SMF214',
      'SMF215',
    ]);
  });

  it('reports a terminal state with timers once, at `after` (SMF216)', () => {
    expect(brief(written.analyze('terminalWithTimers').diagnostics)).toEqual([
      "10:66 SMF216 terminal state 'Completed' has timers (remove `after`, or remove `terminal: true`)",
    ]);
  });

  it('accepts an empty `after`, on a terminal state too', () => {
    const { model, diagnostics } = written.analyze('terminalWithEmptyAfter');

    expect(diagnostics).toEqual([]);
    expect(model?.states.map((state) => state.timers)).toEqual([[], []]);
  });

  it('reports keys that mean the same duration against the first one written (SMF217)', () => {
    // 86400000 is written last but listed first by JavaScript: "first" is the source order.
    expect(brief(written.analyze('sameDuration').diagnostics)).toEqual([
      "9:120 SMF217 timers '1d' and '24h' of state 'Pending' both fire after 1d ('1d' is declared at 9:101; keep one of them)",
      "9:140 SMF217 timers '1d' and '1440m' of state 'Pending' both fire after 1d ('1d' is declared at 9:101; keep one of them)",
      "9:163 SMF217 timers '1d' and '86400000' of state 'Pending' both fire after 1d ('1d' is declared at 9:101; keep one of them)",
    ]);
  });

  it('leaves the same key written twice to the duplicate-property rule (SMF211)', () => {
    expect(brief(written.analyze('sameKeyTwice').diagnostics)).toEqual([
      "9:120 SMF211 duplicate property '1000' in 'after' of state 'Pending' (first declared at 9:101)",
    ]);
  });

  it('checks the shape of `after` and its targets with the definition schema (SMF105, SMF106)', () => {
    expect(brief(written.analyze('targetNotAString').diagnostics)).toEqual([
      "9:107 SMF105 the target of timer '1h' in state 'Pending' must be a state name, got 3",
    ]);
    expect(brief(written.analyze('afterNotAnObject').diagnostics)).toEqual([
      "9:99 SMF105 'after' of state 'Pending' must be an object mapping durations to target states, such as { '48h': 'Cancelled' }, got an array",
    ]);
    expect(brief(written.analyze('misspeltAfter').diagnostics)).toEqual([
      "9:92 SMF106 unknown property 'afer' in state 'Pending' (did you mean 'after'?)",
    ]);
  });
});
