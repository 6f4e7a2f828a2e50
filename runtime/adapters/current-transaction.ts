/**
 * The transaction handle whose code is running synchronously right now, if any: set by the
 * runtime around each handler call and by adapters around a transaction callback's synchronous
 * part. An adapter called on itself while one of its own transaction handles is current knows
 * the call comes from inside that transaction, where waiting for the transaction to end would
 * never end, and fails at once instead (`AdapterReentryError`).
 */
let current: object | undefined;

export function currentTransaction(): object | undefined {
  return current;
}

/** Runs `fn` with `tx` current, restoring the previous one after (calls may nest). */
export function withCurrentTransaction<R>(tx: object, fn: () => R): R {
  const previous = current;
  current = tx;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Makes `tx` current and returns the one it replaces, to be put back with this same call. */
export function swapCurrentTransaction(tx: object | undefined): object | undefined {
  const previous = current;
  current = tx;
  return previous;
}
