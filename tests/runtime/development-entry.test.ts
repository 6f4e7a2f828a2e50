import { describe, expect, it } from 'vitest';
import { createMachine as createMachineChecked, UsageError } from 'state-machine-framework';
import { createMachine as createMachineProduction } from '../../runtime/index.js';
import type { MachineConfig } from '../../runtime/machine-config.js';

/** A config the generator would never write: a target that is not a state. */
const brokenTarget: MachineConfig = {
  name: 'Door',
  models: { Door: { stateField: 'status', identifierField: 'id' } },
  states: { Open: { models: { Door: 'open' }, to: ['Shut'], start: true } },
};

describe('the development entry (the repository resolves the package to it through source)', () => {
  it('refuses a config that names an unknown target, naming the machine and the state', () => {
    expect(() => createMachineChecked(brokenTarget)).toThrow(UsageError);
    expect(() => createMachineChecked(brokenTarget)).toThrow(
      "Door: 'Open' targets unknown state 'Shut' (regenerate the module with smf-gen)",
    );
  });

  it('refuses a config without a model', () => {
    expect(() => createMachineChecked({ ...brokenTarget, models: {} })).toThrow(
      'Door: a machine needs at least one model',
    );
  });

  it('accepts what the generator writes, as the production entry does', () => {
    const config: MachineConfig = {
      ...brokenTarget,
      states: { ...brokenTarget.states, Shut: { models: { Door: 'shut' }, to: [] } },
    };
    expect(createMachineChecked(config).name).toBe('Door');
    expect(createMachineProduction(config).name).toBe('Door');
  });

  it('is not what a production build gets: the production entry trusts the generated config', () => {
    expect(() => createMachineProduction(brokenTarget)).not.toThrow();
  });
});
