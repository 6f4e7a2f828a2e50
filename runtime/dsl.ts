/**
 * The helpers a `*.machine.ts` definition file imports from `state-machine-framework/dsl`.
 *
 * `smf-gen` reads definitions statically and never runs these functions; they exist so the
 * definition is real TypeScript that the author's editor checks: a misspelt target state, model
 * name, `createdIn` state or model field is a type error where it is written. At runtime they only
 * build plain objects (a generated module imports schema constants from the definition file, which
 * evaluates `defineMachine` once).
 */
import type { StandardSchemaV1 } from './standard-schema.js';

/** A value a state stores in a model's state field. */
export type DefinitionStateValue = string | number | boolean;

/** Every context helper takes these options. */
export interface ContextEntryOptions {
  /** Default `true`. */
  readonly required?: boolean;
}

/** The required properties of `T` whose type is exactly `number` (what a version field must be). */
export type NumberFieldOf<T> = {
  [K in keyof T]-?: {} extends Pick<T, K>
    ? never
    : [T[K]] extends [number]
      ? number extends T[K]
        ? K
        : never
      : never;
}[keyof T] &
  string;

export interface ModelOptions<T> {
  /** The property of `T` that stores the state value. */
  readonly stateField: keyof T & string;
  /** The property of `T` that identifies a row. */
  readonly identifierField: keyof T & string;
  /**
   * A `number` property of `T` every write of the row compares and increments (optimistic
   * locking): a workflow holding an outdated row fails instead of overwriting a newer one.
   */
  readonly versionField?: NumberFieldOf<T>;
  /**
   * Only for a model after the first (the primary): its property holding the primary instance's
   * identifier, by which `load` reads the linked row.
   */
  readonly linkedBy?: keyof T & string;
}

export interface ModelDeclaration<T = unknown> {
  readonly kind: 'model';
  readonly stateField: string;
  readonly identifierField: string;
  readonly versionField?: string;
  readonly linkedBy?: string;
  /** Type-only: carries `T` for editors; never set. */
  readonly '~model'?: T;
}

export interface ValueEntry<T = unknown> {
  readonly kind: 'value';
  readonly required: boolean;
  /** Type-only: carries `T` for editors; never set. */
  readonly '~value'?: T;
}

export interface SchemaEntry<S extends StandardSchemaV1 = StandardSchemaV1> {
  readonly kind: 'schema';
  readonly required: boolean;
  readonly schema: S;
}

export interface InstanceEntry<M extends string = string, S extends string = string> {
  readonly kind: 'instance';
  readonly required: boolean;
  readonly model: M;
  readonly createdIn: S;
}

export interface InstanceOptions<S extends string> extends ContextEntryOptions {
  /** The state whose entry creates the instance; it must map the model. */
  readonly createdIn: S;
}

export type ContextEntry<ModelName extends string = string, StateName extends string = string> =
  ValueEntry<any> | SchemaEntry<any> | InstanceEntry<ModelName, StateName>;

/**
 * How long a durable timer waits: `'500ms'`, `'30s'`, `'15m'`, `'48h'`, `'7d'`, or a number of
 * milliseconds. The editor flags a key in another form; `smf-gen` also requires a positive whole
 * number of milliseconds of at most 3650 days.
 */
export type TimerDuration = `${number}${'ms' | 's' | 'm' | 'h' | 'd'}` | number;

export interface StateDefinition<StateName extends string, ModelName extends string> {
  /** Model name → the value this state stores in that model's state field. */
  readonly models: { readonly [M in ModelName]?: DefinitionStateValue };
  /** Allowed targets, or '*' for every state. Required unless the state is terminal. */
  readonly to?: readonly StateName[] | '*';
  readonly start?: boolean;
  readonly terminal?: boolean;
  /**
   * Durable timers: duration → the state a workflow moves to once it has been in this state that
   * long, e.g. `{ '48h': 'Cancelled' }`. Each target must be one of this state's `to` targets
   * (`smf-gen` checks that; the editor checks it is a state); a terminal state has none.
   */
  readonly after?: { readonly [D in TimerDuration]?: StateName };
}

export interface MachineDefinition<
  ModelName extends string = string,
  StateName extends string = string,
  ContextKey extends string = string,
> {
  /** PascalCase; names the generated exports. */
  readonly name: string;
  /** The first model declared is the primary model. */
  readonly models: { readonly [M in ModelName]: ModelDeclaration<any> };
  readonly states: {
    readonly [S in StateName]: StateDefinition<NoInfer<StateName>, NoInfer<ModelName>>;
  };
  readonly context?: {
    readonly [K in ContextKey]: ContextEntry<NoInfer<ModelName>, NoInfer<StateName>>;
  };
}

/**
 * Declares a machine. An identity function: model and state names are inferred from the keys of
 * `models` and `states` only, so every other place that names one is checked against them.
 */
export function defineMachine<
  const ModelName extends string,
  const StateName extends string,
  const ContextKey extends string = never,
>(
  definition: MachineDefinition<ModelName, StateName, ContextKey>,
): MachineDefinition<ModelName, StateName, ContextKey> {
  return definition;
}

/**
 * Declares a model: `model<Order>({ stateField: 'status', identifierField: 'orderId' })`, with
 * optional `versionField` and (for a non-primary model) `linkedBy`.
 */
export function model<T>(options: ModelOptions<T>): ModelDeclaration<T> {
  return {
    kind: 'model',
    stateField: options.stateField,
    identifierField: options.identifierField,
    ...(options.versionField === undefined ? {} : { versionField: options.versionField }),
    ...(options.linkedBy === undefined ? {} : { linkedBy: options.linkedBy }),
  };
}

/** A context value of type `T`, supplied by the caller of `run`/`load`. */
export function value<T>(options?: ContextEntryOptions): ValueEntry<T> {
  return { kind: 'value', required: options?.required ?? true };
}

/** A context value validated by a Standard Schema (zod, valibot, arktype) when a workflow starts. */
export function schema<S extends StandardSchemaV1>(
  standardSchema: S,
  options?: ContextEntryOptions,
): SchemaEntry<S> {
  return { kind: 'schema', required: options?.required ?? true, schema: standardSchema };
}

/**
 * The instance of a model the workflow creates when it enters `createdIn`. The names are kept as
 * literal types, so a misspelt model or state does not fit the machine's context.
 */
export function instanceOf<const M extends string, const S extends string>(
  modelName: M,
  options: InstanceOptions<S>,
): InstanceEntry<M, S> {
  return {
    kind: 'instance',
    required: options.required ?? true,
    model: modelName,
    createdIn: options.createdIn,
  };
}
