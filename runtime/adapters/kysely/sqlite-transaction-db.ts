import type { Kysely, Transaction } from 'kysely';
import { KyselyAdapterError } from './kysely-adapter-error.js';

const REFUSED = new Set<PropertyKey>(['transaction', 'startTransaction', 'connection', 'destroy']);

/**
 * On SQLite the adapter begins its transactions itself (BEGIN IMMEDIATE, which Kysely's
 * transaction() does not offer) on a connection-bound Kysely. Handlers see it as what it is, a
 * `Transaction`: `isTransaction` is true, starting another transaction or destroying the
 * instance is refused, and once the transaction has ended every use is refused.
 */
export function sqliteTransactionDb<DB>(
  connection: Kysely<DB>,
  ended: () => boolean,
): Transaction<DB> {
  return new Proxy(connection, {
    get(target, key) {
      if (ended()) {
        throw new KyselyAdapterError(
          `this transaction's db was used after the transaction ended; use the adapter's db`,
        );
      }
      if (key === 'isTransaction') return true;
      if (REFUSED.has(key)) {
        return () => {
          throw new KyselyAdapterError(
            `${String(key)}() is not available on a transaction's db; nest with the adapter handle's transaction() instead`,
          );
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Transaction<DB>;
}
