import { AsyncLocalStorage } from 'node:async_hooks';
import { currentTransaction, withCurrentTransaction } from './current-transaction.js';

/**
 * The outermost transactions whose callbacks the running code continues, innermost first: a
 * callback of one adapter may run a transaction of another, and a call on the first from in
 * there is still a call from inside its transaction.
 */
interface Scope {
  readonly tx: object;
  readonly outer: Scope | undefined;
}

/**
 * current-transaction.ts sees only synchronous code: after an `await` in a transaction callback
 * (or a handler), a call on the adapter itself would wait for a connection the transaction holds
 * or for rows it has locked, or commit outside it. Node carries this store into every
 * continuation of the callback, so such a call is known wherever it is made. Only the server
 * adapters use it (they run on Node anyway); the runtime core stays free of `node:` imports.
 */
const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs an outermost transaction's callback with `tx` as the current transaction for its
 * synchronous part and in scope for everything that continues from it (awaits, timers, nested
 * savepoints). Work the transaction does after the callback settles (COMMIT, onCommit callbacks)
 * is outside the scope, as it runs in the caller's continuation.
 */
export function runTransactionCallback<T extends object, R>(tx: T, fn: (tx: T) => R): R {
  return scopes.run({ tx, outer: scopes.getStore() }, () =>
    withCurrentTransaction(tx, () => fn(tx)),
  );
}

/**
 * The transaction handle `owns` accepts (an open one of the calling adapter) among those the
 * running code is inside: the current one, synchronously, or an outermost one it continues.
 */
export function enclosingTransaction(owns: (tx: object) => boolean): object | undefined {
  const current = currentTransaction();
  if (current !== undefined && owns(current)) return current;
  for (let scope = scopes.getStore(); scope !== undefined; scope = scope.outer) {
    if (owns(scope.tx)) return scope.tx;
  }
  return undefined;
}
