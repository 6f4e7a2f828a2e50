import { UsageError } from './errors.js';
import type { MachineConfig } from './machine-config.js';

/**
 * What the generator guarantees of every config it writes, checked again for a config written or
 * changed by hand: a primary model, and targets that are states of the machine. Runs under the
 * `development` export condition only (index.development.ts); a production build trusts the
 * generated module and does not carry these checks.
 */
export function assertMachineConfig(config: MachineConfig): void {
  const refuse = (message: string) =>
    new UsageError(`${config.name}: ${message} (regenerate the module with smf-gen)`, {
      machine: config.name,
    });
  if (Object.keys(config.models).length === 0) throw refuse('a machine needs at least one model');
  for (const [name, state] of Object.entries(config.states)) {
    if (state.to === '*' || state.to === undefined) continue;
    for (const target of state.to) {
      if (!Object.hasOwn(config.states, target)) {
        throw refuse(`'${name}' targets unknown state '${target}'`);
      }
    }
  }
}
