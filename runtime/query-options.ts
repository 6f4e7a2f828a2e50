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

/**
 * `find`'s `state`, `limit` and `after`, checked; throws `UsageError` naming what is wrong. The
 * values are the primary model's of the states `state` names (one name or a list), every value
 * the machine maps when it is absent; a state that maps no primary value has no rows to find.
 */
export function checkFindOptions(compiled: CompiledMachine, options: object): CheckedFind {
  const { name, primaryModel } = compiled;
  const given = options as { state?: unknown; limit?: unknown; after?: unknown };
  const { state, limit = DEFAULT_FIND_LIMIT, after } = given;
  const refuse = (message: string) => new UsageError(`${name}.find: ${message}`, { machine: name });
  let values = [...compiled.stateByPrimaryValue.keys()];
  if (state !== undefined) {
    const wanted = new Set<StateValue>();
    for (const each of Array.isArray(state) ? (state as unknown[]) : [state]) {
      if (typeof each !== 'string' || !compiled.writes.has(each)) {
        throw refuse(
          `state must be a state of ${name} or a list of them, got ${show(each)}; states: ${[...compiled.writes.keys()].join(', ')}`,
        );
      }
      // A state's writes list the primary model first when the state maps it.
      const write = compiled.writes.get(each)?.[0];
      if (write?.model !== primaryModel) {
        throw refuse(
          `the state '${each}' maps no ${primaryModel} value, so no ${primaryModel} row can be found in it`,
        );
      }
      wanted.add(write.value);
    }
    values = [...wanted];
  }
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_FIND_LIMIT) {
    throw refuse(`limit must be a whole number from 1 to ${MAX_FIND_LIMIT}, got ${show(limit)}`);
  }
  const identifier =
    typeof after === 'string' ||
    typeof after === 'bigint' ||
    ((typeof after === 'number' || after instanceof Date) && !Number.isNaN(+after));
  if (after !== undefined && !identifier) {
    throw refuse(
      `after must be an identifier (${primaryModel}.${compiled.primary.identifierField}: a string, number, bigint or Date, the last one of the previous page), got ${show(after)}`,
    );
  }
  return { values, limit: limit as number, after };
}
