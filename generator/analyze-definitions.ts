import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { MachineModel } from './definition/machine-model.js';

export interface Analysis {
  readonly model: MachineModel | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads a set of definitions once and returns how to analyse each of them (parse + model). */
export type Analyzer = (files: readonly string[]) => Promise<(file: string) => Analysis>;

/**
 * The parse + model stages over one ts-morph project. Imported lazily: a re-run where every output
 * is up to date never loads ts-morph or the TypeScript compiler.
 */
export const analyzeWithTsMorph: Analyzer = async (files) => {
  const { createDefinitionProject } = await import('./parse/definition-project.js');
  const { analyzeDefinition } = await import('./model/analyze-definition.js');
  const project = createDefinitionProject(files);
  return (file) => analyzeDefinition(file, project);
};
