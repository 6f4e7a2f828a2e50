import { afterAll, describe, expect, it } from 'vitest';
import {
  excessiveNestingOffset,
  MAX_NESTING_DEPTH,
} from '../../../generator/parse/nesting-depth.js';
import { definitionWith, writeDefinitions } from './support/definition-files.js';

describe('excessiveNestingOffset', () => {
  it.each([
    ['arrays within the limit', '[[[1]]]', undefined],
    ['arrays past the limit', 'x = [[[[1]]]]', 7],
    ['calls, objects and arrays together', 'f({ a: [ { b: 1 } ] })', 9],
    ['brackets inside strings and comments', '"[[[[" + `{{{{` // ((((\n/* [[[[ */', undefined],
    ['a regular expression', 'x = /[[[[[/; y = [[1]]', undefined],
    ['a division', 'x = a / b; [[[[1]]]]', 14],
    ['template substitutions within the limit', 'a = `x${`y${`z${1}`}`}`', undefined],
    ['template substitutions past the limit', 'a = `x${`y${`z${[1]}`}`}`', 16],
  ] as const)('%s', (_label, text, offset) => {
    expect(excessiveNestingOffset(text, 3)).toBe(offset);
  });
});

/** An Order definition whose `to` is nested `depth` arrays deep. */
const nested = (depth: number) =>
  definitionWith(`  name: 'Order',
models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
states: {
  Pending: { start: true, models: { Order: 'pending' }, to: ${'['.repeat(depth)}'Done'${']'.repeat(depth)} },
  Done: { terminal: true, models: { Order: 'completed' } },
},`);

describe('a deeply nested definition', () => {
  // The states object and its call add 4 levels around `to`.
  const written = writeDefinitions({
    deep: nested(800),
    limit: nested(MAX_NESTING_DEPTH - 4),
    good: nested(1),
  });
  afterAll(() => written.remove());

  it('is reported at the first bracket past the limit, and the others of the run are read', () => {
    const deep = written.analyze('deep');
    expect(deep.model).toBeUndefined();
    expect(deep.diagnostics).toMatchObject([
      { code: 'SMF115', severity: 'error', line: 9, file: written.fileOf('deep') },
    ]);
    expect(written.analyze('good').model?.name).toBe('Order');
  });

  it('is read all the way through (no overflow) right at the limit', () => {
    const atLimit = written.analyze('limit');
    expect(atLimit.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SMF105']);
  });
});
