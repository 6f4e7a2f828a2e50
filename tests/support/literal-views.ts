import type { LiteralView, PropertyView } from '../../templates/literal-view.js';

/*
 * Shorthand for writing a literal view by hand in a test's want. Nothing here quotes or escapes:
 * `code` and `prop` keys take source text exactly as it should appear.
 */

export function code(text: string): LiteralView {
  return { kind: 'code', code: text };
}

export function array(...items: LiteralView[]): LiteralView {
  return { kind: 'array', items };
}

export function object(...properties: PropertyView[]): LiteralView {
  return { kind: 'object', properties };
}

export function prop(key: string, value: LiteralView): PropertyView {
  return { key, value };
}
