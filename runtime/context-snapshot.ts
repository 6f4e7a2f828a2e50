import { isInstanceGetter } from './context-object.js';
import { deepCopy } from './deep-copy.js';

/** A context's own properties as they were, values deep-copied, for undoing a failed transition. */
export interface ContextSnapshot {
  readonly keys: readonly string[];
  /**
   * What `keys[i]` was: the runtime's own getter of an `instanceOf` entry (always enumerable and
   * configurable), or its descriptor, a data property's value deep-copied.
   */
  readonly saved: readonly (PropertyDescriptor | (() => unknown))[];
}

const getterOf = (
  Object.prototype as unknown as {
    __lookupGetter__(this: object, key: string): (() => unknown) | undefined;
  }
).__lookupGetter__;

// Parallel arrays rather than a Map, and no descriptor for the runtime's own instance getters:
// a transition into a state with handlers takes a snapshot every time.
export function snapshotContext(context: Record<string, unknown>): ContextSnapshot {
  const keys = Object.getOwnPropertyNames(context);
  const saved: (PropertyDescriptor | (() => unknown))[] = [];
  for (const key of keys) {
    const getter = getterOf.call(context, key);
    if (getter !== undefined && isInstanceGetter(getter)) {
      saved.push(getter);
      continue;
    }
    const descriptor = Object.getOwnPropertyDescriptor(context, key) ?? {};
    if ('value' in descriptor) descriptor.value = deepCopy(descriptor.value);
    saved.push(descriptor);
  }
  return { keys, saved };
}

/** Puts the snapshot's properties back; the snapshot's copies become the live values. */
export function restoreContext(context: Record<string, unknown>, snapshot: ContextSnapshot): void {
  const { keys, saved } = snapshot;
  for (const key of Object.getOwnPropertyNames(context)) {
    if (!keys.includes(key)) delete context[key];
  }
  keys.forEach((key, i) => {
    const was = saved[i] ?? {};
    if (typeof was !== 'function') Object.defineProperty(context, key, was);
    else if (getterOf.call(context, key) !== was || !Object.hasOwn(context, key)) {
      Object.defineProperty(context, key, { get: was, enumerable: true, configurable: true });
    }
  });
}
