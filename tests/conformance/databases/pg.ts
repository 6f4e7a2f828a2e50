import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import { closer, sortedById, type FixtureSession } from './conformance-database.js';
import { pgTransitionLog, sharedPgSchema } from './server-schema.js';

/** PgAdapter on a pool of its own in the file's schema; reads go through a second pool. */
export function pgSession(): FixtureSession {
  const shared = sharedPgSchema();
  return {
    async open() {
      const schema = await shared.emptied();
      const pool = schema.pool();
      const readerPool = schema.pool({ max: 1 });
      const adapter = new PgAdapter(pool, { tables: CONTRACT_TABLES, transitionLog: true });
      const reader = new PgAdapter(readerPool, { tables: CONTRACT_TABLES });
      return {
        adapter,
        dialect: 'postgres',
        rows: async (model) => sortedById(model, await reader.filter(model, {})),
        transitionLog: () => pgTransitionLog(readerPool),
        close: closer(
          () => schema.endPool(pool),
          () => schema.endPool(readerPool),
        ),
      };
    },
    close: () => shared.close(),
  };
}
