import type { MachineModel } from '../definition/machine-model.js';
import type { ImportPlan } from './import-plan.js';
import { literalUnion, orUndefined, propertyKey } from './literals.js';
import type { MemberView } from '../../templates/machine-module-view.js';

/**
 * The targets an unnarrowed workflow may enter: those legal from every state, in declaration
 * order. Precomputed here so the runtime's types never intersect per-state unions.
 */
export function anyStateTargets(model: MachineModel): string {
  const common = model.states
    .map((state) => state.name)
    .filter((target) => model.states.every((state) => state.to.includes(target)));
  return literalUnion(common);
}

/**
 * Per state, the instances guaranteed once the workflow has entered it: each model the state
 * maps is required, every other model optional (it may not have been created or loaded).
 */
export function stateInstanceMembers(model: MachineModel, imports: ImportPlan): MemberView[] {
  return model.states.map((state) => {
    const members = model.models.map((entry) => {
      const type = imports.typeText(entry.type);
      const mapped = state.values.some((value) => value.model === entry.name);
      const key = propertyKey(entry.name);
      return mapped ? `${key}: ${type}` : `${key}?: ${orUndefined(type)}`;
    });
    return { name: propertyKey(state.name), type: `{ ${members.join('; ')} }` };
  });
}

/** How `run`/`load` options take the context: required as soon as one entry is. */
export function contextOptionType(contextInputName: string, hasRequiredEntry: boolean): string {
  return hasRequiredEntry
    ? `{ context: ${contextInputName} }`
    : `{ context?: ${contextInputName} | undefined }`;
}
