import { refusedValue } from './value-refusal.js';

/**
 * Nesting deeper than this is refused: checking (and JSON.stringify) would otherwise run out of
 * stack on a value thousands of levels deep, and SQLite's own JSON functions stop at 1000.
 */
export const MAX_JSON_DEPTH = 1000;
const TOO_DEEP = `it is nested more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * JSON text for a value that JSON.parse gives back as an equal value, or a refusal naming the
 * first part that would not: a non-finite number or -0, a bigint, a Date or Map or other class
 * instance, a function or symbol, undefined in an array, a cycle, nesting deeper than
 * MAX_JSON_DEPTH. An undefined property is left out, as JSON.stringify does, which reads back as
 * the same absent property.
 */
export function roundTripJson(value: unknown, column: string, declared: string): string {
  const problem = findProblem(value, '$', new Set());
  if (problem !== undefined) {
    throw refusedValue(
      column,
      declared,
      value,
      problem === TOO_DEEP ? problem : `${problem} would not read back from JSON as it was`,
      `store JSON-compatible data only (plain objects, arrays, strings, finite numbers, booleans, null, nested at most ${MAX_JSON_DEPTH} deep); convert Dates to ISO strings and bigints to strings first`,
    );
  }
  return JSON.stringify(value);
}

function findProblem(value: unknown, path: string, open: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? undefined : `${path} = ${value}`;
    case 'object': {
      if (value === null) return undefined;
      if (open.has(value)) return `${path} (a cycle)`;
      if (open.size >= MAX_JSON_DEPTH) return TOO_DEEP;
      const isArray = Array.isArray(value);
      const proto: unknown = Object.getPrototypeOf(value);
      if (!isArray && proto !== Object.prototype && proto !== null) {
        return `${path} (a ${(value as object).constructor?.name ?? 'object'})`;
      }
      open.add(value);
      const problem = isArray
        ? arrayProblem(value as unknown[], path, open)
        : objectProblem(value as Record<string, unknown>, path, open);
      open.delete(value);
      return problem;
    }
    default:
      return `${path} (${typeof value})`;
  }
}

function arrayProblem(items: unknown[], path: string, open: Set<object>): string | undefined {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === undefined) return `${path}[${index}] (undefined, which becomes null)`;
    const problem = findProblem(item, `${path}[${index}]`, open);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function objectProblem(
  object: Record<string, unknown>,
  path: string,
  open: Set<object>,
): string | undefined {
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    const problem = findProblem(item, `${path}.${key}`, open);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
