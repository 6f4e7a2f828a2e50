import type { ORMAdapter, SyncAdapterOps } from './orm-adapter.js';

/** The synchronous operations of `adapter`, if it offers its own (see `SyncAdapterOps.adapter`). */
export function syncOpsOf(adapter: ORMAdapter): SyncAdapterOps | undefined {
  const ops = adapter.sync;
  return ops !== undefined && ops.adapter === adapter ? ops : undefined;
}

/**
 * Runs `fn` in a savepoint of `adapter`: synchronously when the adapter can (the result is then
 * `fn`'s own, a promise only if `fn` returned one), otherwise through `transaction()`.
 */
export function inSavepoint<R>(
  adapter: ORMAdapter,
  fn: (tx: ORMAdapter) => R | Promise<R>,
): R | Promise<R> {
  const ops = syncOpsOf(adapter);
  if (ops) return ops.savepointSync(fn);
  return adapter.transaction(async (tx) => fn(tx));
}
