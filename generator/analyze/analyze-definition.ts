import { buildMachineModel, type MachineModelResult } from '../model/build-machine-model.js';
import { createDefinitionProject, type DefinitionProject } from '../parse/definition-project.js';
import { parseDefinition } from '../parse/parse-definition.js';

/** parse + model for one definition file of `project`. */
export function analyzeDefinition(file: string, project: DefinitionProject): MachineModelResult {
  return buildMachineModel(parseDefinition(file, project));
}

/** The ts-morph half of `analyzeWithTsMorph`: one project for all `files`. */
export function loadDefinitions(files: readonly string[]): (file: string) => MachineModelResult {
  const project = createDefinitionProject(files);
  return (file) => analyzeDefinition(file, project);
}
