import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParseResult } from '../definition/parse-result.js';
import { checkInstanceEntries } from './context-rules.js';
import type { ValidDefinition } from './definition-schema.js';
import { checkDuplicateTargets, duplicateKeyDiagnostics } from './duplicate-rules.js';
import { toMachineModel } from './to-machine-model.js';
import type { MachineModel } from '../definition/machine-model.js';
import { checkIdentifiers, checkMachineName } from './name-rules.js';
import { checkPrimaryModel } from './primary-model-rules.js';
import { checkCanFinish, checkReachable } from './reachability-rules.js';
import type { Rule, RuleInput } from './rule-input.js';
import { validateShape } from './shape-diagnostics.js';
import { checkExits, checkStartState, checkStateModels, checkTargets } from './state-rules.js';
import { checkTimers } from './timer-rules.js';
import { checkModelFields, checkStateValues, checkVersionFieldType } from './type-rules.js';
import { checkLinkedBy, checkVersionFieldRole } from './model-option-rules.js';

export interface MachineModelResult {
  /** Undefined when any diagnostic is an error. */
  readonly model: MachineModel | undefined;
  /** Sorted by position; parse diagnostics included. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Applied in this order once the definition has a valid shape. */
const RULES: readonly Rule[] = [
  checkMachineName,
  checkIdentifiers,
  checkDuplicateTargets,
  checkModelFields,
  checkVersionFieldType,
  checkVersionFieldRole,
  checkLinkedBy,
  checkStateValues,
  checkStateModels,
  checkPrimaryModel,
  checkTargets,
  checkStartState,
  checkExits,
  checkTimers,
  checkInstanceEntries,
  checkReachable,
  checkCanFinish,
];

/** Validates the parsed definition (shape, types, graph rules) into the model emit consumes. */
export function buildMachineModel(parsed: ParseResult): MachineModelResult {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let definition: ValidDefinition | undefined;
  if (parsed.definition !== undefined) {
    diagnostics.push(...duplicateKeyDiagnostics(parsed));
    const shape = validateShape(parsed, parsed.definition);
    diagnostics.push(...shape.diagnostics);
    definition = shape.definition;
  }
  if (definition !== undefined) {
    const input: RuleInput = { definition, parsed };
    for (const rule of RULES) diagnostics.push(...rule(input));
  }
  const sorted = diagnostics.toSorted(byPosition);
  const hasError = sorted.some((diagnostic) => diagnostic.severity === 'error');
  const model =
    definition === undefined || hasError ? undefined : toMachineModel(definition, parsed);
  return { model, diagnostics: sorted };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
