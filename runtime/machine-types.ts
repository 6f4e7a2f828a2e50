/**
 * The type bundle a generated module hands to the runtime. Everything the runtime's public types
 * need is reached through indexed access on it, so checking a workflow stays linear in the size
 * of the machine: no recursive or conditional types.
 */
export interface MachineTypes {
  /** Literal union of state names. */
  readonly state: string;
  /** Literal union of start states. */
  readonly start: string;
  /** State name → literal union of its targets (`never` for terminal states). */
  readonly transitions: { readonly [state: string]: string };
  /** Targets legal from every state: all an unnarrowed loaded workflow may enter. */
  readonly anyStateTargets: string;
  /** Model name → the user's model type. */
  readonly models: object;
  /**
   * The primary model's name (the first of `models`, as the runtime compiles the config): the
   * model `Machine.find` returns. Generated modules always name it; a types bundle written by hand
   * may leave it out, and `find` then takes the model every state maps.
   */
  readonly primaryModel?: string;
  /**
   * State name → the model instances guaranteed once the workflow has entered that state: the
   * models the state maps are present, the others optional.
   */
  readonly stateInstances: { readonly [state: string]: object };
  /** The context a handler reads. */
  readonly context: object;
  /** The context a caller passes to `run`/`load` (never the primary model's instance). */
  readonly contextInput: object;
  /**
   * `{ context: ContextInput }` when the context has a required entry, `{ context?: ContextInput }`
   * otherwise: how `run` and `load` options take it.
   */
  readonly contextOption: object;
}

/** Per-model field values passed to `transitionTo` (created or written with the state field). */
export type TransitionData<T extends MachineTypes> = {
  -readonly [M in keyof T['models']]?: Partial<T['models'][M]>;
};

/** Model instances a workflow holds; a model appears once created or loaded. */
export type Instances<T extends MachineTypes> = Partial<T['models']>;
