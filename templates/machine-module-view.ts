import type { LiteralView } from './literal-view.js';

/** The names a generated module exports for a machine; user code imports them by these names. */
export interface ExportNames {
  readonly statesConst: string;
  readonly stateType: string;
  readonly startStateType: string;
  readonly terminalStateType: string;
  readonly transitionsInterface: string;
  readonly transitionsConst: string;
  readonly edgesConst: string;
  /** Only exported by a machine with at least one timer. */
  readonly timerTargetsInterface: string;
  readonly timersConst: string;
  readonly modelsInterface: string;
  readonly contextInterface: string;
  readonly contextInputInterface: string;
  readonly stateInstancesInterface: string;
  readonly typesInterface: string;
  readonly workflowType: string;
  readonly machineConst: string;
}

/** An interface member: `name` carries the `?` of optional members. */
export interface MemberView {
  readonly name: string;
  readonly type: string;
}

export interface ImportView {
  readonly keyword: 'import' | 'import type';
  /** `Name`, `Name as Alias`, `type Name` in a mixed import. */
  readonly bindings: readonly string[];
  /** Quoted module specifier. */
  readonly specifier: string;
}

/** Local names of the runtime imports (aliased if a user type takes the plain name). */
export interface RuntimeNames {
  readonly createMachine: string;
  readonly transitionEdges: string;
  readonly workflow: string;
}

/** A machine's durable timers, per state (every state, like the transition table). */
export interface TimersView {
  /** State → literal union of its timer targets, `never` for none. */
  readonly targetMembers: readonly MemberView[];
  /** State → `[{ afterMs, to }, ...]`, shortest first. */
  readonly table: LiteralView;
}

/**
 * What the module template prints: emit decides every name, import and literal, so the template
 * only joins text.
 */
export interface MachineModuleView {
  readonly headerLines: readonly string[];
  readonly imports: readonly ImportView[];
  readonly names: ExportNames;
  readonly runtime: RuntimeNames;
  readonly stateList: LiteralView;
  readonly stateUnion: string;
  readonly startUnion: string;
  readonly terminalUnion: string;
  readonly transitionMembers: readonly MemberView[];
  readonly transitionTable: LiteralView;
  /** Absent when no state declares `after`: such a module is what it was before timers. */
  readonly timers?: TimersView;
  readonly modelMembers: readonly MemberView[];
  /** Literal type of the primary model's name (the first model, the runtime's primary). */
  readonly primaryModel: string;
  readonly contextMembers: readonly MemberView[];
  readonly contextInputMembers: readonly MemberView[];
  /** Literal union of the targets legal from every state (`never` when a state is terminal). */
  readonly anyStateTargets: string;
  /** State name → inline type of the instances guaranteed in that state. */
  readonly stateInstanceMembers: readonly MemberView[];
  /** `{ context: XContextInput }` or `{ context?: XContextInput | undefined }`. */
  readonly contextOption: string;
  readonly machineConfig: LiteralView;
}
