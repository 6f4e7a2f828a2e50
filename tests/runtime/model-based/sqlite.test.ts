// Model-based tests of the runtime contract: random programs of
// concurrent run/load calls, checked batch by batch against support/reference-model.ts. 300
// programs here (two connections on one file) + 700 in memory.test.ts. A failure prints its
// seed, path and shrunk program; replay it with
// FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/runtime/model-based.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProgram } from './support/check-program.js';
import { FaultPlan, registerPlannedHandlers } from './support/fault-plan.js';
import { ItemMachine } from './support/item.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { programArb } from './support/program.js';
import { propertyOptions } from './support/property-options.js';
import { sqliteItems } from './support/sqlite-items.js';

const PROGRAMS = 300;
const CONNECTIONS = 2;

describe('model-based: random programs on a SQLite file match the reference model', () => {
  it(`${PROGRAMS} programs over ${CONNECTIONS} connections: rows, transition log, afterCommit calls and counters`, async () => {
    const machine = freshMachine(ItemMachine);
    const faults = new FaultPlan();
    registerPlannedHandlers(machine, faults);
    const { store, reset } = sqliteItems(CONNECTIONS);
    await expect(
      fc.assert(
        fc.asyncProperty(programArb(CONNECTIONS), async (program) => {
          await reset();
          await checkProgram(machine, faults, store, program);
        }),
        propertyOptions(PROGRAMS),
      ),
    ).resolves.toBeUndefined();
  });
});
