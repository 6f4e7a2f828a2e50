import type { MachineConfig, ModelConfig, StateValue } from './machine-config.js';
import { HandlerRegistry } from './handlers.js';

/** A machine config with the lookups every transition needs computed once. */
export interface CompiledMachine {
  readonly config: MachineConfig;
  readonly name: string;
  readonly primaryModel: string;
  readonly primary: ModelConfig;
  readonly startStates: readonly string[];
  readonly targets: ReadonlyMap<string, ReadonlySet<string>>;
  readonly stateByPrimaryValue: ReadonlyMap<StateValue, string>;
  readonly registry: HandlerRegistry;
}

export function compileMachine(config: MachineConfig): CompiledMachine {
  const [primaryModel, primary] = Object.entries(config.models)[0] ?? [];
  if (!primaryModel || !primary)
    throw new Error(`${config.name}: a machine needs at least one model`);
  const stateNames = Object.keys(config.states);
  const targets = new Map<string, ReadonlySet<string>>();
  const stateByPrimaryValue = new Map<StateValue, string>();
  const startStates: string[] = [];
  for (const [name, state] of Object.entries(config.states)) {
    const to = state.terminal ? [] : state.to === '*' ? stateNames : (state.to ?? []);
    for (const target of to) {
      if (!(target in config.states))
        throw new Error(`${config.name}: '${name}' targets unknown state '${target}'`);
    }
    targets.set(name, new Set(to));
    if (state.start) startStates.push(name);
    const value = state.models[primaryModel];
    if (value !== undefined) stateByPrimaryValue.set(value, name);
  }
  return {
    config,
    name: config.name,
    primaryModel,
    primary,
    startStates,
    targets,
    stateByPrimaryValue,
    registry: new HandlerRegistry(),
  };
}
