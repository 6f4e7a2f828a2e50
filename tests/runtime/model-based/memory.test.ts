// Model-based tests of the runtime contract: random programs of
// concurrent run/load calls, checked batch by batch against support/reference-model.ts. 700
// programs here + 300 in sqlite.test.ts. A failure prints its seed, path and shrunk program;
// replay it with FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/runtime/model-based.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework';
import { checkProgram, type StoreUnderTest } from './support/check-program.js';
import { FaultPlan, registerPlannedHandlers } from './support/fault-plan.js';
import { ItemMachine } from './support/item.machine.gen.js';
import type { ItemModel } from './support/item-reference.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { programArb } from './support/program.js';
import { propertyOptions } from './support/property-options.js';

const PROGRAMS = 700;

function memoryStore(): StoreUnderTest {
  const adapter = new MemoryAdapter({}, { transitionLog: true });
  return {
    adapters: [adapter],
    rows: (model: ItemModel) => adapter.filter(model, {}),
    log: async () =>
      adapter.transitionLog.map(({ entityId, from, to }) => ({
        entity: String(entityId),
        from,
        to,
      })),
  };
}

describe('model-based: random programs on MemoryAdapter match the reference model', () => {
  it(`${PROGRAMS} programs: rows, transition log, afterCommit calls and counters`, async () => {
    const machine = freshMachine(ItemMachine);
    const faults = new FaultPlan();
    registerPlannedHandlers(machine, faults);
    await expect(
      fc.assert(
        fc.asyncProperty(programArb(1), (program) =>
          checkProgram(machine, faults, memoryStore(), program),
        ),
        propertyOptions(PROGRAMS),
      ),
    ).resolves.toBeUndefined();
  });
});
