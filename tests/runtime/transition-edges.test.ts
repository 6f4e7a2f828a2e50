import { describe, expect, it } from 'vitest';
import { transitionEdges } from 'state-machine-framework';
import { ORDER_EDGES } from './support/order.machine.gen.js';

describe('transitionEdges', () => {
  it('lists every [from, to] pair in table order, self-loops included', () => {
    expect(transitionEdges({ A: ['A', 'B'], B: [], C: ['A'] })).toEqual([
      ['A', 'A'],
      ['A', 'B'],
      ['C', 'A'],
    ]);
  });

  it('gives a generated module its edges', () => {
    expect(ORDER_EDGES).toEqual([
      ['Pending', 'Processing'],
      ['Pending', 'Cancelled'],
      ['Processing', 'Shipped'],
      ['Processing', 'Cancelled'],
      ['Shipped', 'Delivered'],
    ]);
  });
});
