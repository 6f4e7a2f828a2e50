import type { MachineModelResult } from '../model/build-machine-model.js';

/** parse then model for one definition: its model when nothing is an error, and every diagnostic. */
export type Analysis = MachineModelResult;

/** Loads a set of definitions once and returns how to analyse each of them (parse + model). */
export type Analyzer = (files: readonly string[]) => Promise<(file: string) => Analysis>;

/**
 * The parse + model stages over one ts-morph project. Imported lazily: a re-run where every output
 * is up to date never loads ts-morph or the TypeScript compiler.
 */
export const analyzeWithTsMorph: Analyzer = async (files) => {
  const { loadDefinitions } = await import('./analyze-definition.js');
  return loadDefinitions(files);
};
