import type { ORMAdapter } from './orm-adapter.js';
import { swapCurrentTransaction } from './adapters/current-transaction.js';

/**
 * Calls a handler with `tx` as the current transaction, so an adapter the handler calls directly
 * (instead of `meta.adapter`) knows the call comes from inside its own transaction.
 */
export function callHandler(
  tx: ORMAdapter,
  fn: (...args: any[]) => unknown,
  a: unknown,
  b: unknown,
  c: unknown,
): unknown {
  const previous = swapCurrentTransaction(tx);
  try {
    return fn(a, b, c);
  } finally {
    swapCurrentTransaction(previous);
  }
}
