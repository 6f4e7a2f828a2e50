/**
 * A deep copy of the data a workflow holds (context values, rows, transition data), so that a
 * rolled-back transition can put back exactly what was there and a caller's objects are never
 * changed by handlers. Plain objects, arrays, Dates, Maps, Sets and typed arrays are copied,
 * cycles and shared references included; any other object (a class instance, a function) is
 * shared as it is, since copying it could break what it encapsulates.
 */
export function deepCopy<V>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  return copyObject(value, new Map()) as V;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyInto(value: unknown, seen: Map<object, unknown>): unknown {
  return typeof value === 'object' && value !== null ? copyObject(value, seen) : value;
}

function copyObject(value: object, seen: Map<object, unknown>): unknown {
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (let i = 0; i < value.length; i++) copy[i] = copyInto(value[i], seen);
    return copy;
  }
  if (isPlain(value)) {
    const copy: Record<PropertyKey, unknown> = Object.create(Object.getPrototypeOf(value));
    seen.set(value, copy);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      if ('value' in descriptor) descriptor.value = copyInto(descriptor.value, seen);
      Object.defineProperty(copy, key, descriptor);
    }
    return copy;
  }
  if (value instanceof Date) return remember(seen, value, new Date(value.getTime()));
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(copyInto(k, seen), copyInto(v, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(copyInto(v, seen));
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
