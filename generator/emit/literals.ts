import type { LiteralView, PropertyView } from '../../templates/literal-view.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal in source form; prettier settles the quote style. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text);
}

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

export function valueLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? stringLiteral(value) : String(value);
}

/** `'A' | 'B'`, or `never` for no members. */
export function literalUnion(names: readonly string[]): string {
  return names.length === 0 ? 'never' : names.map(stringLiteral).join(' | ');
}

export function code(text: string): LiteralView {
  return { kind: 'code', code: text };
}

export function stringCode(text: string): LiteralView {
  return code(stringLiteral(text));
}

export function objectOf(properties: readonly PropertyView[]): LiteralView {
  return { kind: 'object', properties };
}

export function arrayOf(items: readonly LiteralView[]): LiteralView {
  return { kind: 'array', items };
}

export function property(name: string, value: LiteralView): PropertyView {
  return { key: propertyKey(name), value };
}

/** `T | undefined`, parenthesising function and conditional types so the union binds correctly. */
export function orUndefined(type: string): string {
  const needsParens = type.includes('=>') || /\bextends\b/.test(type);
  return `${needsParens ? `(${type})` : type} | undefined`;
}
