import type { ExportNames } from './export-names.js';

/**
 * What the templates print: every name, import and literal is decided here, so a template only
 * joins text. Literal trees describe `as const` tables and the runtime config.
 */
export type LiteralView =
  /** An expression already in source form: a string/number/boolean literal or an identifier. */
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'object'; readonly properties: readonly PropertyView[] }
  | { readonly kind: 'array'; readonly items: readonly LiteralView[] };

export interface PropertyView {
  /** Property key in source form (quoted when it is not an identifier). */
  readonly key: string;
  readonly value: LiteralView;
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
  readonly modelMembers: readonly MemberView[];
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

export interface DiagramView {
  readonly headerLines: readonly string[];
  readonly machineName: string;
  /** Every state id, in declaration order. */
  readonly states: readonly string[];
  readonly startStates: readonly string[];
  readonly terminalStates: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}
