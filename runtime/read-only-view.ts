import { deepCopy } from './deep-copy.js';

/** Objects whose methods need the real object (internal slots), not a proxy of it. */
function hasInternalSlots(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof Map ||
    value instanceof Set ||
    ArrayBuffer.isView(value)
  );
}

/**
 * A deep read-only view of an object: reads pass through, any write throws. Validators get data
 * and context this way, so a validator that tries to mutate fails loudly instead of silently.
 * Dates, Maps, Sets and byte arrays cannot work through a proxy, so the view hands out a copy of
 * each: their methods work, and a change made to the copy reaches nothing.
 */
export function readOnlyView<V>(target: V, what: string): V {
  if (typeof target !== 'object' || target === null) return target;
  const cache = new WeakMap<object, object>();
  const refuse = (): never => {
    throw new TypeError(`validators cannot modify ${what}`);
  };
  const wrap = (value: object): object => {
    let view = cache.get(value);
    if (!view) {
      view = hasInternalSlots(value)
        ? (deepCopy(value) as object)
        : new Proxy(value, {
            get(obj, key, receiver) {
              const inner: unknown = Reflect.get(obj, key, receiver);
              return typeof inner === 'object' && inner !== null ? wrap(inner) : inner;
            },
            set: refuse,
            deleteProperty: refuse,
            defineProperty: refuse,
            setPrototypeOf: refuse,
          });
      cache.set(value, view);
    }
    return view;
  };
  return wrap(target) as V;
}
