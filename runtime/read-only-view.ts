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
 * The proxy handler of one view, shared by the proxies of everything reached through it: a
 * validator runs on every transition into its state, so a view costs one handler and one proxy
 * until a nested object is read.
 */
class ReadOnlyHandler implements ProxyHandler<object> {
  readonly #what: string;
  readonly #root: object;
  /** The view of the object the view was made for (a nested value may lead back to it). */
  readonly rootView: object;
  /** Each nested object's view, so that reading the same object twice gives the same view. */
  #views: WeakMap<object, object> | undefined;

  constructor(what: string, root: object) {
    this.#what = what;
    this.#root = root;
    this.rootView = this.#newView(root);
  }

  view(value: object): object {
    if (value === this.#root) return this.rootView;
    const views = (this.#views ??= new WeakMap());
    let view = views.get(value);
    if (!view) {
      view = this.#newView(value);
      views.set(value, view);
    }
    return view;
  }

  #newView(value: object): object {
    return hasInternalSlots(value) ? (deepCopy(value) as object) : new Proxy(value, this);
  }

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    const inner: unknown = Reflect.get(target, key, receiver);
    return typeof inner === 'object' && inner !== null ? this.view(inner) : inner;
  }

  set(): boolean {
    return this.#refuse();
  }
  deleteProperty(): boolean {
    return this.#refuse();
  }
  defineProperty(): boolean {
    return this.#refuse();
  }
  setPrototypeOf(): boolean {
    return this.#refuse();
  }

  #refuse(): never {
    throw new TypeError(`validators cannot modify ${this.#what}`);
  }
}

/**
 * A deep read-only view of an object: reads pass through, any write throws. Validators get data
 * and context this way, so a validator that tries to mutate fails loudly instead of silently.
 * Dates, Maps, Sets and byte arrays cannot work through a proxy, so the view hands out a copy of
 * each: their methods work, and a change made to the copy reaches nothing.
 */
export function readOnlyView<V>(target: V, what: string): V {
  if (typeof target !== 'object' || target === null) return target;
  return new ReadOnlyHandler(what, target).rootView as V;
}
