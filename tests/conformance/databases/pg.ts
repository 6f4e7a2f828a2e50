import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import { closer, sortedById, type ConformanceDatabase } from './conformance-database.js';
import { contractPgSchema, pgTransitionLog } from './server-schema.js';

/** A PgAdapter on a pool of its own in a fresh schema; reads go through a second pool. */
export async function openPgDatabase(): Promise<ConformanceDatabase> {
  const schema = await contractPgSchema();
  const adapter = new PgAdapter(schema.pool(), { tables: CONTRACT_TABLES, transitionLog: true });
  const readerPool = schema.pool({ max: 1 });
  const reader = new PgAdapter(readerPool, { tables: CONTRACT_TABLES });
  return {
    adapter,
    dialect: 'postgres',
    rows: async (model) => sortedById(model, await reader.filter(model, {})),
    transitionLog: () => pgTransitionLog(readerPool),
    close: closer(() => schema.drop()),
  };
}
