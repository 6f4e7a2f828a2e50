import type { CompiledMachine } from './compiled-machine.js';
import { UsageError } from './errors.js';
import type { StateValue } from './machine-config.js';
import { show } from './message-value.js';

/** How many rows `find` returns when no `limit` is given. */
export const DEFAULT_FIND_LIMIT = 100;
/** The largest `limit` `find` takes: a bigger page is paged with `after` instead. */
export const MAX_FIND_LIMIT = 1000;

/** `find`'s options as checked: the primary values to read, the page size and where it starts. */
export interface CheckedFind {
  readonly values: readonly StateValue[];
  readonly limit: number;
  readonly after: unknown;
}

const refuse = (compiled: CompiledMachine, method: string, message: string): UsageError =>
  new UsageError(`${compiled.name}.${method}: ${message}`, { machine: compiled.name });

/** `find`'s `state`, `limit` and `after`, checked; throws `UsageError` naming what is wrong. */
export function checkFindOptions(compiled: CompiledMachine, options: object): CheckedFind {
  const { state, limit, after } = options as { state?: unknown; limit?: unknown; after?: unknown };
  return {
    values: primaryValuesOf(compiled, state),
    limit: checkLimit(compiled, limit),
    after: checkAfter(compiled, after),
  };
}

/**
 * The primary model's values of the states `state` names (one name or a list), every value the
 * machine maps when it is absent. A state that maps no primary value has no rows to find.
 */
function primaryValuesOf(compiled: CompiledMachine, state: unknown): StateValue[] {
  if (state === undefined) return [...compiled.stateByPrimaryValue.keys()];
  const names: readonly unknown[] = Array.isArray(state) ? state : [state];
  const { states } = compiled.config;
  const values = new Set<StateValue>();
  for (const name of names) {
    if (typeof name !== 'string' || !Object.hasOwn(states, name)) {
      throw refuse(
        compiled,
        'find',
        `state must be a state of ${compiled.name} or a list of them, got ${show(name)}; states: ${Object.keys(states).join(', ')}`,
      );
    }
    const mapped = states[name]?.models ?? {};
    const value = Object.hasOwn(mapped, compiled.primaryModel)
      ? mapped[compiled.primaryModel]
      : undefined;
    if (value === undefined) {
      throw refuse(
        compiled,
        'find',
        `the state '${name}' maps no ${compiled.primaryModel} value, so no ${compiled.primaryModel} row can be found in it`,
      );
    }
    values.add(value);
  }
  return [...values];
}

function checkLimit(compiled: CompiledMachine, limit: unknown): number {
  if (limit === undefined) return DEFAULT_FIND_LIMIT;
  if (
    typeof limit === 'number' &&
    Number.isInteger(limit) &&
    limit >= 1 &&
    limit <= MAX_FIND_LIMIT
  ) {
    return limit;
  }
  throw refuse(
    compiled,
    'find',
    `limit must be a whole number from 1 to ${MAX_FIND_LIMIT}, got ${show(limit)}`,
  );
}

/** `after` is an identifier: the last one of the previous page. */
function checkAfter(compiled: CompiledMachine, after: unknown): unknown {
  if (
    after === undefined ||
    typeof after === 'string' ||
    typeof after === 'bigint' ||
    (typeof after === 'number' && !Number.isNaN(after)) ||
    (after instanceof Date && !Number.isNaN(after.getTime()))
  ) {
    return after;
  }
  throw refuse(
    compiled,
    'find',
    `after must be an identifier (${compiled.primaryModel}.${compiled.primary.identifierField}: a string, number, bigint or Date, the last one of the previous page), got ${show(after)}`,
  );
}
