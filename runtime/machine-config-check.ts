import { UsageError } from './errors.js';
import type { MachineConfig, StateConfig } from './machine-config.js';

/** A state's durable timers: whole positive durations, to targets of the state, never terminal. */
function assertTimers(
  states: MachineConfig['states'],
  name: string,
  state: StateConfig,
  refuse: (message: string) => Error,
): void {
  if (state.after === undefined) return;
  if (!Array.isArray(state.after))
    throw refuse(`'${name}'.after must be a list of { afterMs, to }`);
  if (state.terminal) throw refuse(`'${name}' is terminal and cannot have timers (after)`);
  for (const timer of state.after as readonly { afterMs?: unknown; to?: unknown }[]) {
    const { afterMs, to } = timer ?? {};
    if (typeof afterMs !== 'number' || !Number.isSafeInteger(afterMs) || afterMs < 1) {
      throw refuse(`'${name}' has a timer whose afterMs is not a positive whole number`);
    }
    const targets = state.to === '*' ? Object.keys(states) : (state.to ?? []);
    if (typeof to !== 'string' || !targets.includes(to)) {
      throw refuse(`'${name}' has a timer to ${String(to)}, which is not one of its targets (to)`);
    }
  }
}

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
    assertTimers(config.states, name, state, refuse);
    if (state.to === '*' || state.to === undefined) continue;
    for (const target of state.to) {
      if (!Object.hasOwn(config.states, target)) {
        throw refuse(`'${name}' targets unknown state '${target}'`);
      }
    }
  }
}
