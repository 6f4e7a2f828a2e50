/**
 * A step sequence is a generator that yields each value it may have to wait for (a handler's
 * result, an adapter call's result) and is resumed with the settled value, or has the rejection
 * thrown in. Driven this way, one sequence serves adapters with synchronous operations and those
 * without, and async handlers on either. Sequences on the hot path yield only thenables.
 */
export type Steps<R> = Generator<unknown, R, unknown>;

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
}

/**
 * Runs `steps` as plain code while every yielded value is plain; from the first thenable on, the
 * rest runs asynchronously and a promise of the outcome is returned instead.
 */
export function drive<R>(steps: Steps<R>): R | Promise<R> {
  let step = steps.next();
  while (step.done !== true) {
    if (isThenable(step.value)) return continueAsync(steps, step.value);
    step = steps.next(step.value);
  }
  return step.value;
}

/** `drive`, always as a promise, for callers whose contract is one. */
export function driveAsync<R>(steps: Steps<R>): Promise<R> {
  try {
    return Promise.resolve(drive(steps));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The rest of `steps` once `pending` settles: one `await` per thenable, rejections thrown in. */
async function continueAsync<R>(steps: Steps<R>, pending: PromiseLike<unknown>): Promise<R> {
  let value: unknown = pending;
  for (;;) {
    let step: IteratorResult<unknown, R>;
    if (isThenable(value)) {
      let settled: unknown;
      let rejected = false;
      try {
        settled = await value;
      } catch (error) {
        settled = error;
        rejected = true;
      }
      step = rejected ? steps.throw(settled) : steps.next(settled);
    } else {
      step = steps.next(value);
    }
    if (step.done === true) return step.value;
    value = step.value;
  }
}
