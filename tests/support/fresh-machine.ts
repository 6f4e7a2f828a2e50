import { createMachine, type Machine, type MachineTypes } from 'state-machine-framework';

/**
 * A machine of its own, with no handlers, built from a generated machine's config: handlers one
 * test registers never reach another, while the definition stays the generated one.
 */
export function freshMachine<T extends MachineTypes>(generated: Machine<T>): Machine<T> {
  return createMachine<T>(generated.config);
}
