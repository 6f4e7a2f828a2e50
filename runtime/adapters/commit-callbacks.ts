import type { ORMAdapter } from '../orm-adapter.js';

/**
 * The `onCommit` callbacks of one transaction scope (see `ORMAdapter.onCommit`). A savepoint's
 * scope hands its callbacks to its parent when it is released and drops them when it is rolled
 * back, so only the outermost transaction's commit runs anything.
 */
export class CommitCallbacks {
  readonly #callbacks: ((adapter: ORMAdapter) => unknown)[] = [];

  add(callback: (adapter: ORMAdapter) => unknown): void {
    if (typeof callback !== 'function') throw new TypeError('onCommit needs a function');
    this.#callbacks.push(callback);
  }

  get size(): number {
    return this.#callbacks.length;
  }

  /** A released savepoint's callbacks join its parent's, after those already queued there. */
  moveInto(parent: CommitCallbacks): void {
    for (const callback of this.#callbacks) parent.#callbacks.push(callback);
    this.#callbacks.length = 0;
  }

  discard(): void {
    this.#callbacks.length = 0;
  }

  /**
   * After the outermost COMMIT: each in order, awaited, given the adapter whose transaction
   * committed (usable again now); a throw is reported, not rethrown.
   */
  async runAll(adapter: ORMAdapter): Promise<void> {
    const callbacks = this.#callbacks.splice(0);
    for (const callback of callbacks) {
      try {
        await callback(adapter);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
