import type { ORMAdapter } from './orm-adapter.js';

/**
 * Tells the types which adapter the application runs its workflows on, so `meta.adapter` in
 * handlers is that adapter's transaction handle (a Kysely `Transaction<DB>` as
 * `meta.adapter.db`, say) instead of the bare `ORMAdapter`:
 *
 * ```ts
 * declare module 'state-machine-framework' {
 *   interface Register {
 *     adapter: KyselyAdapter<Database>;
 *   }
 * }
 * ```
 *
 * Without it handlers see `ORMAdapter`; an application with several adapters narrows with the
 * adapter's own `txOf(meta.adapter)`.
 */
export interface Register {}

/** The adapter named in `Register`, else `ORMAdapter`. */
export type RegisteredAdapter = Register extends { readonly adapter: infer A } ? A : ORMAdapter;

/** The handle an adapter's `transaction()` passes its callback. */
export type TransactionHandleOf<A> = A extends {
  transaction(fn: (tx: infer Tx) => Promise<unknown>): Promise<unknown>;
}
  ? Tx
  : ORMAdapter;
