import type { ContextEntryModel, MachineModel } from '../definition/machine-model.js';
import type { ImportPlan } from './import-plan.js';
import { code, objectOf, orUndefined, property, propertyKey, stringCode } from './literals.js';
import type { LiteralView, PropertyView } from '../../templates/literal-view.js';
import type { MemberView } from '../../templates/machine-module-view.js';

export interface ContextView {
  /** `OrderContext`: what handlers read. */
  readonly members: readonly MemberView[];
  /**
   * `OrderContextInput`: what callers pass. `instanceOf` entries are optional here, and the
   * primary model's is absent: a workflow on an existing primary row is continued with `load`.
   */
  readonly inputMembers: readonly MemberView[];
  /** True when a caller must pass at least one input entry. */
  readonly inputHasRequiredEntry: boolean;
  /** The `context` object of the runtime config. */
  readonly config: LiteralView;
}

function member(key: string, type: string, required: boolean): MemberView {
  return required
    ? { name: propertyKey(key), type }
    : { name: `${propertyKey(key)}?`, type: orUndefined(type) };
}

function modelTypeText(model: MachineModel, modelName: string, imports: ImportPlan): string {
  const declared = model.models.find((entry) => entry.name === modelName);
  return declared ? imports.typeText(declared.type) : 'never';
}

function configOf(entry: ContextEntryModel, imports: ImportPlan): LiteralView {
  const common: PropertyView[] = [
    property('kind', stringCode(entry.kind)),
    property('required', code(String(entry.required))),
  ];
  switch (entry.kind) {
    case 'value':
      return objectOf(
        entry.runtimeType === undefined
          ? common
          : [...common, property('type', stringCode(entry.runtimeType))],
      );
    case 'schema':
      return objectOf([...common, property('schema', code(imports.schemaConstant(entry.schema)))]);
    case 'instance':
      return objectOf([
        ...common,
        property('model', stringCode(entry.model)),
        property('createdIn', stringCode(entry.createdIn)),
      ]);
  }
}

export function buildContextView(model: MachineModel, imports: ImportPlan): ContextView {
  const members: MemberView[] = [];
  const inputMembers: MemberView[] = [];
  const config: PropertyView[] = [];
  const primaryModel = model.models[0]?.name;
  let inputHasRequiredEntry = false;
  for (const entry of model.context) {
    switch (entry.kind) {
      case 'value': {
        const type = imports.typeText(entry.type);
        members.push(member(entry.key, type, entry.required));
        inputMembers.push(member(entry.key, type, entry.required));
        inputHasRequiredEntry ||= entry.required;
        break;
      }
      case 'schema': {
        const schema = `typeof ${imports.schemaConstant(entry.schema)}`;
        members.push(member(entry.key, `${imports.schemaOutput}<${schema}>`, entry.required));
        inputMembers.push(member(entry.key, `${imports.schemaInput}<${schema}>`, entry.required));
        inputHasRequiredEntry ||= entry.required;
        break;
      }
      case 'instance': {
        const type = modelTypeText(model, entry.model, imports);
        members.push(member(entry.key, type, entry.required));
        if (entry.model !== primaryModel) inputMembers.push(member(entry.key, type, false));
        break;
      }
    }
    config.push(property(entry.key, configOf(entry, imports)));
  }
  return { members, inputMembers, inputHasRequiredEntry, config: objectOf(config) };
}
