import { describe, expect, it } from 'vitest';
import { show } from '../../runtime/message-value.js';

describe('show (values in error messages)', () => {
  it.each<[string, unknown, string]>([
    ['a string, quoted', 'O1', '"O1"'],
    ['a bigint, which JSON cannot hold', 12n, '"12n"'],
    ['a bigint inside an object', { id: 7n }, '{"id":"7n"}'],
    ['a Date, as JSON gives it', new Date(0), '"1970-01-01T00:00:00.000Z"'],
    ['undefined', undefined, 'undefined'],
  ])('shows %s', (_what, value, text) => {
    expect(show(value)).toBe(text);
  });

  it('shows a value with a cycle without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
  });
});
