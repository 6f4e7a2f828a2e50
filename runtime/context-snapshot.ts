import { deepCopy } from './deep-copy.js';

/** A context's own properties as they were, values deep-copied, for undoing a failed transition. */
export interface ContextSnapshot {
  readonly keys: readonly string[];
  /** `descriptors[i]` is the descriptor `keys[i]` had, its value a deep copy; none for `fixed` keys. */
  readonly descriptors: readonly (PropertyDescriptor | undefined)[];
}

/**
 * `fixed` are the keys of properties no handler can change (the `instanceOf` accessors, not
 * configurable): the snapshot notes that they are there and nothing else. Parallel arrays rather
 * than a Map: a transition into a state with handlers takes a snapshot every time.
 */
export function snapshotContext(
  context: Record<string, unknown>,
  fixed: ReadonlySet<string>,
): ContextSnapshot {
  const keys = Object.getOwnPropertyNames(context);
  const descriptors: (PropertyDescriptor | undefined)[] = [];
  for (const key of keys) {
    if (fixed.has(key)) {
      descriptors.push(undefined);
      continue;
    }
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
    const descriptor = saved.descriptors[i];
    if (descriptor !== undefined) Object.defineProperty(context, key, descriptor);
  });
}
