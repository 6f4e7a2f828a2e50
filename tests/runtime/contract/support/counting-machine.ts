import { createMachine, type Machine } from 'state-machine-framework';
import { CountingMachine, type CountingTypes } from './counter.machine.gen.js';
import { CountingMachine as VersionedCountingMachine } from './versioned-counter.machine.gen.js';

/**
 * A Counting machine of its own, with no handlers; `versioned` builds it from the definition whose
 * Counter has the version field. Both are typed as the one without (Counter's `version` is
 * `number | null`), so one test body covers both.
 */
export function freshCounting(options: { readonly versioned: boolean }): Machine<CountingTypes> {
  const generated = options.versioned ? VersionedCountingMachine : CountingMachine;
  return createMachine<CountingTypes>(generated.config);
}
