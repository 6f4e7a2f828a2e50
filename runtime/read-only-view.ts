/**
 * A deep read-only view of an object: reads pass through, any write throws. Validators get data
 * and context this way, so a validator that tries to mutate fails loudly instead of silently.
 */
export function readOnlyView<V>(target: V, what: string): V {
  if (typeof target !== 'object' || target === null) return target;
  const cache = new WeakMap<object, object>();
  const refuse = (): never => {
    throw new TypeError(`validators cannot modify ${what}`);
  };
  const wrap = (value: object): object => {
    if (value instanceof Date) return value;
    let view = cache.get(value);
    if (!view) {
      view = new Proxy(value, {
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
