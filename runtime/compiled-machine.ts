import type { MachineConfig, ModelConfig, StateValue } from './machine-config.js';
import { HandlerRegistry } from './handlers.js';

/** One model a state maps: what the state write writes for it. */
export interface StateWrite {
  readonly model: string;
  readonly config: ModelConfig;
  readonly value: StateValue;
}

/** A machine config with the lookups every transition needs computed once. */
export interface CompiledMachine {
  readonly config: MachineConfig;
  readonly name: string;
  readonly primaryModel: string;
  readonly primary: ModelConfig;
  /** Every model, the primary first, in declaration order. */
  readonly modelNames: readonly string[];
  readonly startStates: readonly string[];
  readonly targets: ReadonlyMap<string, ReadonlySet<string>>;
  readonly stateByPrimaryValue: ReadonlyMap<StateValue, string>;
  /** State → the models it maps, the primary first, with their config and the value written. */
  readonly writes: ReadonlyMap<string, readonly StateWrite[]>;
  /** Model → the states its `instanceOf` entries say it is created in. */
  readonly createdIn: ReadonlyMap<string, ReadonlySet<string>>;
  /** The context keys of `instanceOf` entries: accessors no handler can change (context-object.ts). */
  readonly instanceKeys: ReadonlySet<string>;
  readonly registry: HandlerRegistry;
  /** Some state declares durable timers (`after`): only then does a transition look at them. */
  readonly timed: boolean;
}

/**
 * The config is taken as the generator writes it: at least one model, every target a state.
 * `assertMachineConfig` checks that under the `development` condition (index.development.ts).
 */
export function compileMachine(config: MachineConfig): CompiledMachine {
  const modelNames = Object.keys(config.models);
  const primaryModel = modelNames[0] as string;
  const primary = config.models[primaryModel] as ModelConfig;
  const stateNames = Object.keys(config.states);
  const targets = new Map<string, ReadonlySet<string>>();
  const stateByPrimaryValue = new Map<StateValue, string>();
  const startStates: string[] = [];
  for (const name of stateNames) {
    const state = config.states[name];
    if (!state) continue;
    const to = state.terminal ? [] : state.to === '*' ? stateNames : (state.to ?? []);
    targets.set(name, new Set(to));
    if (state.start) startStates.push(name);
    const value = Object.hasOwn(state.models, primaryModel)
      ? state.models[primaryModel]
      : undefined;
    if (value !== undefined) stateByPrimaryValue.set(value, name);
  }
  const writes = new Map<string, StateWrite[]>();
  for (const name of stateNames) {
    const mapped = config.states[name]?.models ?? {};
    const list: StateWrite[] = [];
    for (const model of modelNames) {
      const value = Object.hasOwn(mapped, model) ? mapped[model] : undefined;
      const modelConfig = config.models[model];
      if (value !== undefined && modelConfig) list.push({ model, config: modelConfig, value });
    }
    writes.set(name, list);
  }
  const createdIn = new Map<string, Set<string>>();
  const instanceKeys = new Set<string>();
  for (const [key, entry] of Object.entries(config.context ?? {})) {
    if (entry.kind !== 'instance') continue;
    instanceKeys.add(key);
    let states = createdIn.get(entry.model);
    if (!states) createdIn.set(entry.model, (states = new Set()));
    states.add(entry.createdIn);
  }
  return {
    config,
    name: config.name,
    primaryModel,
    primary,
    modelNames,
    startStates,
    targets,
    stateByPrimaryValue,
    writes,
    createdIn,
    instanceKeys,
    registry: new HandlerRegistry(config.name),
    timed: stateNames.some((name) => config.states[name]?.after !== undefined),
  };
}

/** The model's config, for a name checked to be one of the machine's models. */
export function modelConfigOf(compiled: CompiledMachine, model: string): ModelConfig {
  return compiled.config.models[model] as ModelConfig;
}
