import type { SourceSpan } from '../diagnostics/diagnostic.js';
import type { TypeReference } from './type-reference.js';

/**
 * The validated machine the `model` stage produces and the `emit` stage consumes. Everything here
 * is already checked; emit makes no decisions that could fail.
 */
export interface MachineModel {
  /** PascalCase machine name, e.g. 'Order'. */
  readonly name: string;
  /** Absolute path of the definition file. */
  readonly sourceFile: string;
  /** Declaration order; the first is the primary model. */
  readonly models: readonly ModelModel[];
  /** Declaration order. */
  readonly states: readonly StateModel[];
  /** Declaration order. */
  readonly context: readonly ContextEntryModel[];
  /** Exported schema constants of the definition file the context refers to. */
  readonly schemaImports: readonly string[];
}

export interface ModelModel {
  readonly name: string;
  readonly type: TypeReference;
  readonly stateField: string;
  readonly identifierField: string;
  /** The number property every write compares and increments (optimistic locking). */
  readonly versionField?: string;
  /** Non-primary models only: the property holding the primary instance's identifier. */
  readonly linkedBy?: string;
  readonly span: SourceSpan;
}

export interface StateModel {
  readonly name: string;
  readonly start: boolean;
  readonly terminal: boolean;
  /** Model name → state value, in model declaration order. */
  readonly values: readonly { readonly model: string; readonly value: string | number | boolean }[];
  /** Expanded targets ('*' becomes every state), in state declaration order, no duplicates. */
  readonly to: readonly string[];
  /** True when the definition wrote `to: '*'`. */
  readonly unrestricted: boolean;
  /** The state's `after` timers, shortest first; empty when it declares none. */
  readonly timers: readonly TimerModel[];
  readonly span: SourceSpan;
}

/** A durable timer: once the workflow has been in the state for `afterMs`, it moves to `to`. */
export interface TimerModel {
  /** A positive whole number of milliseconds, at most 3650 days. */
  readonly afterMs: number;
  /** One of the state's targets. */
  readonly to: string;
  /** For diagrams: the key as written (`'48h'`), or formatted when written as milliseconds. */
  readonly label: string;
}

export type ContextEntryModel =
  | {
      readonly kind: 'value';
      readonly key: string;
      readonly required: boolean;
      readonly type: TypeReference;
      /** Set when the value type is a primitive the runtime checks. */
      readonly runtimeType?: 'string' | 'number' | 'boolean' | 'bigint';
    }
  | {
      readonly kind: 'schema';
      readonly key: string;
      readonly required: boolean;
      /** The exported constant of the definition file, e.g. 'OrderData'. */
      readonly schema: string;
    }
  | {
      readonly kind: 'instance';
      readonly key: string;
      readonly required: boolean;
      readonly model: string;
      readonly createdIn: string;
    };
