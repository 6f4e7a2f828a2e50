import type { DefinitionProject } from '../parse/definition-project.js';
import { parseDefinition } from '../parse/parse-definition.js';
import { buildMachineModel, type MachineModelResult } from './build-machine-model.js';

/** parse + model for one definition file of `project`. */
export function analyzeDefinition(file: string, project: DefinitionProject): MachineModelResult {
  return buildMachineModel(parseDefinition(file, project));
}
