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

/** One view: the proxies of everything reached through it share it as their handler. */
interface View extends ProxyHandler<object> {
  what: string;
  root: object;
  rootView: object;
  /** Each nested object's view, made when the first one is read: reading twice gives the same. */
  nested?: WeakMap<object, object>;
}

function viewOf(view: View, value: object): object {
  if (value === view.root) return view.rootView;
  const nested = (view.nested ??= new WeakMap());
  let made = nested.get(value);
  if (!made) {
    nested.set(value, (made = newView(view, value)));
  }
  return made;
}

function newView(view: View, value: object): object {
  return hasInternalSlots(value) ? (deepCopy(value) as object) : new Proxy(value, view);
}

function refuse(this: View): never {
  throw new TypeError(`validators cannot modify ${this.what}`);
}

// The traps every view shares (a validator runs on every transition into its state, so a view
// costs one handler object and one proxy until a nested object is read).
const traps: ProxyHandler<object> = {
  get(this: View, target, key, receiver) {
    const inner: unknown = Reflect.get(target, key, receiver);
    return typeof inner === 'object' && inner !== null ? viewOf(this, inner) : inner;
  },
  set: refuse,
  deleteProperty: refuse,
  defineProperty: refuse,
  setPrototypeOf: refuse,
};

/**
 * A deep read-only view of an object: reads pass through, any write throws. Validators get data
 * and context this way, so a validator that tries to mutate fails loudly instead of silently.
 * Dates, Maps, Sets and byte arrays cannot work through a proxy, so the view hands out a copy of
 * each: their methods work, and a change made to the copy reaches nothing.
 */
export function readOnlyView<V>(target: V, what: string): V {
  if (typeof target !== 'object' || target === null) return target;
  const view: View = Object.create(traps);
  view.what = what;
  view.root = target;
  return (view.rootView = newView(view, target)) as V;
}
