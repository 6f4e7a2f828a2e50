/**
 * The promise `transitionTo` returns when its outcome is not known at once. It notes whether the
 * caller ever handled its failure (`await`, `catch`, a `then` with a rejection handler,
 * `Promise.all`…): a workflow whose callback returned with a failed transition nobody handled must
 * roll back, not commit without it.
 */
export class TrackedTransition<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  observed = false;
  done = false;
  /** Still running when the workflow's callback returned: its failure always rolls back. */
  pendingAtReturn = false;
  failure: { readonly error: unknown } | undefined;

  // Deliberate: this Promise subclass overrides `then` to record who looks at the promise.
  // oxlint-disable-next-line unicorn/no-thenable
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // Only a rejection handler sees a failure: `.then(f)` passes it on to a promise of its own.
    if (typeof onRejected === 'function') this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/** `outcome`, settled through `onDone`/`onFailed`, as a tracked promise. */
export function trackTransition<T>(
  outcome: PromiseLike<unknown>,
  onDone: () => T,
  onFailed: (error: unknown) => void,
): TrackedTransition<T> {
  let tracked!: TrackedTransition<T>;
  tracked = new TrackedTransition<T>((resolve, reject) => {
    outcome.then(
      () => {
        tracked.done = true;
        resolve(onDone());
      },
      (error: unknown) => {
        onFailed(error);
        tracked.done = true;
        tracked.failure = { error };
        reject(error);
      },
    );
  });
  return tracked;
}
