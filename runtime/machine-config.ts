import type { StandardSchemaV1 } from './standard-schema.js';

/** A value a state stores in a model's state field. */
export type StateValue = string | number | boolean;

export interface ModelConfig {
  readonly stateField: string;
  readonly identifierField: string;
  /** A numeric field every write of the row compares and increments (optimistic locking). */
  readonly versionField?: string;
  /** For a non-primary model: its field holding the primary instance's identifier. */
  readonly linkedBy?: string;
}

export interface StateConfig {
  readonly models: Readonly<Record<string, StateValue>>;
  /** Allowed targets; '*' means every state of the machine. */
  readonly to?: readonly string[] | '*';
  readonly start?: boolean;
  readonly terminal?: boolean;
  /** Durable timers, shortest first; absent when the state declares none. */
  readonly after?: readonly TimerConfig[];
}

/** Once a workflow has been in the state for `afterMs`, a timer moves it to `to` (one of its targets). */
export interface TimerConfig {
  /** A positive whole number of milliseconds (the generator normalises `'48h'` and the like). */
  readonly afterMs: number;
  readonly to: string;
}

export type PrimitiveTypeName = 'string' | 'number' | 'boolean' | 'bigint';

export type ContextRequirement =
  | { readonly kind: 'value'; readonly required: boolean; readonly type?: PrimitiveTypeName }
  | { readonly kind: 'schema'; readonly required: boolean; readonly schema: StandardSchemaV1 }
  | {
      readonly kind: 'instance';
      readonly required: boolean;
      readonly model: string;
      readonly createdIn: string;
    };

/**
 * The runtime description of a machine: what a generated module passes to `createMachine`.
 * The first model declared is the primary model; `load` reads the state from its row.
 */
export interface MachineConfig {
  readonly name: string;
  readonly models: Readonly<Record<string, ModelConfig>>;
  readonly states: Readonly<Record<string, StateConfig>>;
  readonly context?: Readonly<Record<string, ContextRequirement>>;
}
