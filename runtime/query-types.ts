import type { MachineTypes } from './machine-types.js';
import type { ORMAdapter } from './orm-adapter.js';

/** Model `M`'s instance in instance table `I` (one per state), undefined where `I` may lack it. */
type InstanceIn<I, M> = I extends unknown ? (M extends keyof I ? I[M] : undefined) : never;

/** The models every state maps (the primary model among them). */
type ModelInEveryState<T extends MachineTypes> = {
  [M in keyof T['models']]-?: undefined extends InstanceIn<T['stateInstances'][T['state']], M>
    ? never
    : M;
}[keyof T['models']];

/**
 * The primary model's name: the generated types name it (`primaryModel`). A types bundle
 * written without it falls back to the model every state maps (another model that every state
 * maps as well joins it in a union, which is why the generated types name it).
 */
export type PrimaryModelOf<T extends MachineTypes> = T extends {
  readonly primaryModel: infer M extends keyof T['models'];
}
  ? M
  : ModelInEveryState<T>;

/**
 * A row of the machine's primary model, as `Machine.find` returns it; a plain record for a machine
 * typed only as `MachineTypes`, whose models are not known (never `never`, which would pass for
 * any type).
 */
export type PrimaryRow<T extends MachineTypes> = [PrimaryModelOf<T>] extends [never]
  ? Record<string, unknown>
  : T['models'][PrimaryModelOf<T> & keyof T['models']];

/** `Machine.find`'s options. */
export interface FindOptions<T extends MachineTypes> {
  readonly adapter: ORMAdapter;
  /** One state or a list of states; every state of the machine when absent. */
  readonly state?: T['state'] | readonly T['state'][] | undefined;
  /** At most this many rows: a whole number from 1 to 1000, default 100. */
  readonly limit?: number | undefined;
  /** Only rows whose identifier is greater: the identifier of the previous page's last row. */
  readonly after?: string | number | bigint | Date | undefined;
}

/** `Machine.countByState`'s options. */
export interface CountByStateOptions {
  readonly adapter: ORMAdapter;
}
