/*
 * The package's entry under the `development` export condition (runtime/package.json: exports "."
 * → "development"), which bundlers set for development builds and Node sets with
 * `--conditions=development`; the repository's own tests get it through the `source` condition.
 * It is the production entry (index.ts) with `createMachine` checking what the generator
 * guarantees of a config (machine-config-check.ts), so a hand-edited generated module fails with
 * a message instead of misbehaving, while a production bundle does not carry those checks.
 */
import { createMachine as createMachineUnchecked } from './machine.js';
import type { MachineConfig } from './machine-config.js';
import { assertMachineConfig } from './machine-config-check.js';
import type { Machine } from './machine-interface.js';
import type { MachineTypes } from './machine-types.js';

export * from './index.js';

/** Binds a machine description to its generated types, after checking the description. */
export function createMachine<T extends MachineTypes>(config: MachineConfig): Machine<T> {
  assertMachineConfig(config);
  return createMachineUnchecked<T>(config);
}
