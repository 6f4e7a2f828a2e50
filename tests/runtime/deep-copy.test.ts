import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../runtime/deep-copy.js';

// A flat object is copied without the map of seen objects; these cases pin down that cycles and
// shared references still come out as in the original, at the top and below it.
describe('deepCopy', () => {
  it('copies a flat object into a new object with the same fields', () => {
    const row = { id: 'P1', scans: 3, done: false, note: null };
    const copy = deepCopy(row);
    expect(copy).toEqual(row);
    expect(copy).not.toBe(row);
  });

  it('keeps a reference back to the top object, and shares what the original shares', () => {
    const shared = { v: 1 };
    const value: Record<string, unknown> = { a: shared, b: shared, n: 1 };
    value['self'] = value;
    const copy = deepCopy(value);
    expect(copy['self']).toBe(copy);
    expect(copy['a']).toBe(copy['b']);
    expect(copy['a']).not.toBe(shared);
  });

  it('shares a flat object reached twice below the top, and a cycle through it', () => {
    const leaf: Record<string, unknown> = { v: 1 };
    const value = { list: [leaf, leaf], inner: { leaf } };
    leaf['back'] = value.inner;
    const copy = deepCopy(value);
    expect(copy.list[0]).toBe(copy.list[1]);
    expect(copy.inner.leaf).toBe(copy.list[0]);
    expect((copy.inner.leaf as Record<string, unknown>)['back']).toBe(copy.inner);
  });

  it('copies two flat objects one after the other without mixing them up', () => {
    const first = deepCopy({ x: 1 });
    const second = deepCopy({ x: 2, y: { z: 3 } });
    expect(first).toEqual({ x: 1 });
    expect(second).toEqual({ x: 2, y: { z: 3 } });
  });
});
