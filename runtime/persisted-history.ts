import type { ORMAdapter } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { attributeToMachine, StateMachineError, UsageError } from './errors.js';
import type { MachineTypes } from './machine-types.js';
import { assertAdapterOption, assertIdOption } from './workflow-options.js';
import { show } from './message-value.js';

/** One step of an entity as the persisted transition log keeps it. */
export interface LoggedTransition<T extends MachineTypes = MachineTypes> {
  /** The step's place in the entity's log: 1, 2, 3, … */
  readonly seq: number;
  readonly from: T['state'] | null;
  readonly to: T['state'];
  readonly at: Date;
  /** Each handler's return value, by handler name, as JSON gives it back. */
  readonly results: Readonly<Record<string, unknown>>;
  /** What the caller passed as `transitionTo(…, { metadata })`. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface HistoryOptions {
  readonly adapter: ORMAdapter;
  /** The primary model's identifier. */
  readonly id: unknown;
}

/** `Machine.history`: one entity's logged steps, oldest first. */
export async function readHistory(
  compiled: CompiledMachine,
  options: HistoryOptions,
): Promise<LoggedTransition[]> {
  assertAdapterOption(compiled, 'history', options);
  const { adapter, id } = options;
  assertIdOption(compiled, 'history', id);
  if (typeof adapter.readTransitions !== 'function') {
    throw new UsageError(
      `${compiled.name}.history: this adapter keeps no transition log: create it with { transitionLog: true } (see README, "The transition log")`,
      { machine: compiled.name },
    );
  }
  try {
    const entries = await adapter.readTransitions(compiled.name, id);
    for (const entry of entries) assertKnownStates(compiled, id, entry);
    return entries.map((entry) => ({
      seq: entry.seq,
      from: entry.from,
      to: entry.to,
      at: entry.at,
      results: entry.results,
      metadata: entry.metadata,
    }));
  } catch (error) {
    attributeToMachine(error, compiled.name);
    throw error;
  }
}

/**
 * A logged step names states by name; one the machine no longer has (renamed or removed since)
 * would be typed as a state it is not, so it is refused, naming the step.
 */
function assertKnownStates(
  compiled: CompiledMachine,
  id: unknown,
  entry: { readonly seq: number; readonly from: string | null; readonly to: string },
): void {
  const states = compiled.config.states;
  for (const state of [entry.from, entry.to]) {
    if (state === null || Object.hasOwn(states, state)) continue;
    throw new StateMachineError(
      `${compiled.name}.history: step ${entry.seq} of ${compiled.primaryModel} ${show(String(id))} names the state '${state}', which ${compiled.name} does not have (renamed or removed since it was logged?); states: ${Object.keys(states).join(', ')}`,
      { machine: compiled.name },
    );
  }
}
