import { UsageError } from './errors.js';

/** Deeper than this, a value is refused rather than copied: no workflow data nests this far. */
const MAX_COPY_DEPTH = 1000;

/**
 * A deep copy of the data a workflow holds (context values, rows, transition data), so that a
 * rolled-back transition can put back exactly what was there and a caller's objects are never
 * changed by handlers. Plain objects (their own enumerable properties, as a spread copies them;
 * an accessor becomes the value it read), arrays, Dates, Maps, Sets and typed arrays are copied,
 * cycles and shared references included. Any other object (a class instance, a function) is
 * shared as it is, since copying it could break what it encapsulates.
 */
export function deepCopy<V>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  // One map reused across calls (a getter copied along may call deepCopy again: then a new one).
  if (copying) return copyObject(value, new Map(), 0) as V;
  copying = true;
  try {
    return copyObject(value, reusedSeen, 0) as V;
  } finally {
    // Clearing a Map allocates its table anew: most copies (flat rows) never put anything in it.
    if (reusedSeen.size > 0) reusedSeen.clear();
    copying = false;
  }
}

let copying = false;
const reusedSeen = new Map<object, unknown>();

function copyInto(value: unknown, seen: Map<object, unknown>, depth: number): unknown {
  return typeof value === 'object' && value !== null ? copyObject(value, seen, depth) : value;
}

function copyObject(value: object, seen: Map<object, unknown>, depth: number): unknown {
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_COPY_DEPTH) {
    throw new UsageError(`a value nests deeper than ${MAX_COPY_DEPTH} levels; flatten it`);
  }
  const inner = depth + 1;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (let i = 0; i < value.length; i++) copy[i] = copyInto(value[i], seen, inner);
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    // Built by assignment, not defineProperty, so V8 keeps the copy a fast object.
    const copy: Record<string, unknown> = proto === null ? Object.create(null) : {};
    // The value copied (depth 0) can be reached again only through an object value of its own:
    // it is remembered before the first one is copied, so a flat row never touches the map.
    // Anything deeper may be shared by a sibling and is remembered at once.
    let remembered = depth > 0;
    if (remembered) seen.set(value, copy);
    const source = value as Record<string, unknown>;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const field = source[key];
      let copied = field;
      if (typeof field === 'object' && field !== null) {
        if (!remembered) {
          seen.set(value, copy);
          remembered = true;
        }
        copied = copyObject(field, seen, inner);
      }
      if (key === '__proto__') {
        Object.defineProperty(copy, key, {
          value: copied,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else copy[key] = copied;
    }
    return copy;
  }
  if (value instanceof Date) return remember(seen, value, new Date(value.getTime()));
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(copyInto(k, seen, inner), copyInto(v, seen, inner));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(copyInto(v, seen, inner));
    return copy;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return remember(seen, value, (value as unknown as { slice(): object }).slice());
  }
  return value;
}

function remember<C>(seen: Map<object, unknown>, original: object, copy: C): C {
  seen.set(original, copy);
  return copy;
}
