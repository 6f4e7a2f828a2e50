import { describe, expect, it } from 'vitest';
import { HandlerRegistry } from '../../runtime/handlers.js';

function names(list: readonly { readonly name: string }[]): string[] {
  return list.map((handler) => handler.name);
}

describe('HandlerRegistry: one record of phase lists per state', () => {
  it('gives a state without handlers empty lists for every phase', () => {
    const lists = new HandlerRegistry('Review').of('Draft');
    expect(Object.keys(lists)).toEqual(
      expect.arrayContaining(['preTransition', 'validator', 'transition', 'hook', 'afterCommit']),
    );
    expect(Object.keys(lists)).toHaveLength(5);
    for (const list of Object.values(lists)) expect(list).toEqual([]);
  });

  it('keeps each phase sorted by order, ties in registration order, apart from other states', () => {
    const registry = new HandlerRegistry('Review');
    registry.add('Review', 'hook', function late() {}, { order: 5 });
    registry.add('Review', 'hook', function first() {});
    registry.add('Review', 'hook', function second() {});
    registry.add('Review', 'validator', function check() {});
    registry.add('Draft', 'hook', function elsewhere() {});
    const review = registry.of('Review');
    expect(names(review.hook)).toEqual(['first', 'second', 'late']);
    expect(names(review.validator)).toEqual(['check']);
    expect(review.preTransition).toEqual([]);
    expect(names(registry.of('Draft').hook)).toEqual(['elsewhere']);
  });

  it('reflects an unregistration in the record a transition reads', () => {
    const registry = new HandlerRegistry('Review');
    const unregister = registry.add('Review', 'hook', function gone() {});
    registry.add('Review', 'hook', function kept() {});
    const review = registry.of('Review');
    unregister();
    unregister();
    expect(names(review.hook)).toEqual(['kept']);
    expect(names(registry.of('Review').hook)).toEqual(['kept']);
  });

  it('keeps one custom transition handler: a second is refused until the first is unregistered', () => {
    const registry = new HandlerRegistry('Review');
    const unregister = registry.add('Review', 'transition', function old() {});
    expect(() => registry.add('Review', 'transition', function replacement() {})).toThrow(
      "Review: 'Review' already has a custom transition ('old'); call the function its registration returned to unregister it first",
    );
    expect(names(registry.of('Review').transition)).toEqual(['old']);
    unregister();
    registry.add('Review', 'transition', function replacement() {});
    expect(names(registry.of('Review').transition)).toEqual(['replacement']);
  });
});
