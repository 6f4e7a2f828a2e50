import { MemoryAdapter } from 'state-machine-framework';
import { IDENTIFIERS } from '../../runtime/contract/support/contract-schema.js';
import {
  freshEachTime,
  sortedById,
  type ConformanceDatabase,
  type FixtureSession,
} from './conformance-database.js';

/** A MemoryAdapter that knows every contract model's identifier, so a repeated one is refused. */
function openMemoryDatabase(): ConformanceDatabase {
  const adapter = new MemoryAdapter({}, { transitionLog: true, keys: IDENTIFIERS });
  return {
    adapter,
    dialect: 'memory',
    rows: async (model) => sortedById(model, await adapter.filter(model, {})),
    transitionLog: async () =>
      adapter.transitionLog.map((entry) => ({
        machine: entry.machine,
        entityId: String(entry.entityId),
        seq: entry.seq,
        from: entry.from,
        to: entry.to,
      })),
    close: async () => undefined,
  };
}

export const memorySession = (): FixtureSession => freshEachTime(openMemoryDatabase);
