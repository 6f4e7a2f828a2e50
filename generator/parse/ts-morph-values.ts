import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

// ts-morph is CommonJS. Imported as an ES module, Node would first scan its whole source for named
// exports and detect its module format, a third of its load time on every cold run; required, it
// is only compiled. Its types are imported from 'ts-morph' as usual: type imports are erased.
const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { Node, Project, SyntaxKind, VariableDeclarationKind, ts } = tsMorph;
export type Node = TsMorph.Node;
export type Project = TsMorph.Project;
export type SyntaxKind = TsMorph.SyntaxKind;
/** The compiler types the parse stage names as `ts.X`. */
export declare namespace ts {
  export type Node = TsMorph.ts.Node;
  export type EntityName = TsMorph.ts.EntityName;
  export type SyntaxKind = TsMorph.ts.SyntaxKind;
}
