import { describeValue } from './pg-adapter-error.js';

const MAX_DEPTH = 1000;

export interface JsonRules {
  /** Whether strings (and keys) may hold NUL: json keeps it, jsonb refuses it. */
  readonly nul: boolean;
}

/**
 * Why `value` would not read back from a json/jsonb column as itself, or undefined when it would:
 * only null, booleans, finite numbers, strings, arrays and plain objects of those survive
 * JSON.stringify and JSON.parse unchanged. `path` locates the offending part (`.items[2].price`).
 */
export function nonJsonPart(
  value: unknown,
  rules: JsonRules,
  path = '',
  depth = 0,
): string | undefined {
  if (depth > MAX_DEPTH)
    return `it is nested more than ${MAX_DEPTH} levels deep (or holds a cycle)`;
  switch (typeof value) {
    case 'string':
      return rules.nul || !value.includes('\0')
        ? undefined
        : at(path, `${describeValue(value)}, holding NUL, which jsonb cannot hold`);
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value)
        ? undefined
        : at(path, `${describeValue(value)}, which JSON turns into null`);
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const why = nonJsonPart(value[i], rules, `${path}[${i}]`, depth + 1);
          if (why !== undefined) return why;
        }
        return undefined;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        return at(path, `${describeValue(value)}, which JSON does not give back as itself`);
      }
      for (const [key, inner] of Object.entries(value)) {
        if (inner === undefined) continue;
        if (!rules.nul && key.includes('\0')) {
          return at(path, `an object with a key holding NUL, which jsonb cannot hold`);
        }
        const why = nonJsonPart(inner, rules, `${path}.${key}`, depth + 1);
        if (why !== undefined) return why;
      }
      return undefined;
    }
    default:
      return at(path, `${describeValue(value)}, which JSON cannot hold`);
  }
}

const at = (path: string, what: string) => (path === '' ? `it is ${what}` : `${path} is ${what}`);
