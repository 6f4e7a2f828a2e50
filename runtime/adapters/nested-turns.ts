import { AdapterReentryError } from '../errors.js';
import type { WaitLimit } from './serial-queue.js';

/**
 * The wait limit of a transaction handle's turns (`Infinity`: none). A nested transaction started
 * on a handle while another runs there waits for it; past the limit, the likely cause is a wait
 * that can never end: the running one waiting for the queued one, or for a call on the outer
 * handle it made itself after an await.
 */
export function nestedWaitLimit(adapter: string, ms: number): WaitLimit | undefined {
  if (ms === Infinity) return undefined;
  return {
    ms,
    error: (waitedMs, heldMs) =>
      new AdapterReentryError(
        adapter,
        `a call on a transaction handle waited ${waitedMs} ms while a nested transaction on that handle ran (for ${heldMs} ms). Nested transactions on one handle run one after the other: inside one, use its own handle, and do not wait for a nested transaction queued behind it`,
      ),
  };
}

/** A call on an outer handle made from inside a nested transaction that holds that handle. */
export function nestedReentryError(adapter: string): AdapterReentryError {
  return new AdapterReentryError(
    adapter,
    'an outer transaction handle was called from inside a nested transaction running on it; it would wait for that nested transaction to end. Use the nested transaction’s handle',
  );
}
