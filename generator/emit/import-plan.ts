import type { MachineModel } from '../definition/machine-model.js';
import type { TypeReference } from '../definition/type-reference.js';
import { stringLiteral } from './literals.js';
import { LocalNames } from './local-names.js';
import { definitionSpecifier, rebaseSpecifier } from './module-specifiers.js';
import type { ImportView } from '../../templates/machine-module-view.js';

export const RUNTIME_PACKAGE = 'state-machine-framework';

interface Binding {
  readonly imported: string;
  readonly local: string;
  readonly typeOnly: boolean;
}

/** The imports of a generated module and the local name each imported thing got. */
export interface ImportPlan {
  readonly imports: readonly ImportView[];
  readonly createMachine: string;
  readonly transitionEdges: string;
  readonly workflow: string;
  readonly schemaInput: string;
  readonly schemaOutput: string;
  /** Type text for a type reference of the model. */
  typeText(reference: TypeReference): string;
  /** Local name of an exported schema constant of the definition. */
  schemaConstant(name: string): string;
}

function renderBinding(binding: Binding, mixed: boolean): string {
  const name =
    binding.imported === binding.local
      ? binding.imported
      : `${binding.imported} as ${binding.local}`;
  return mixed && binding.typeOnly ? `type ${name}` : name;
}

function importView(specifier: string, bindings: readonly Binding[]): ImportView {
  const typeOnly = bindings.every((binding) => binding.typeOnly);
  return {
    keyword: typeOnly ? 'import type' : 'import',
    bindings: bindings.map((binding) => renderBinding(binding, !typeOnly)),
    specifier: stringLiteral(specifier),
  };
}

function referencedTypes(model: MachineModel): TypeReference[] {
  const references: TypeReference[] = model.models.map((entry) => entry.type);
  for (const entry of model.context) if (entry.kind === 'value') references.push(entry.type);
  return references;
}

export function planImports(
  model: MachineModel,
  outputFile: string,
  reservedNames: readonly string[],
): ImportPlan {
  const locals = new LocalNames(reservedNames);
  const groups = new Map<string, Binding[]>();
  const bind = (specifier: string, imported: string, typeOnly: boolean): string => {
    const group = groups.get(specifier) ?? [];
    groups.set(specifier, group);
    const existing = group.find((binding) => binding.imported === imported);
    if (existing) return existing.local;
    const local = locals.claim(imported);
    group.push({ imported, local, typeOnly });
    return local;
  };

  const usesSchemas = model.context.some((entry) => entry.kind === 'schema');
  const createMachine = bind(RUNTIME_PACKAGE, 'createMachine', false);
  const transitionEdges = bind(RUNTIME_PACKAGE, 'transitionEdges', false);
  const schemaInput = usesSchemas ? bind(RUNTIME_PACKAGE, 'SchemaInput', true) : 'SchemaInput';
  const schemaOutput = usesSchemas ? bind(RUNTIME_PACKAGE, 'SchemaOutput', true) : 'SchemaOutput';
  const workflow = bind(RUNTIME_PACKAGE, 'Workflow', true);

  const typeLocals = new Map<TypeReference, string>();
  for (const reference of referencedTypes(model)) {
    if (reference.kind !== 'import') continue;
    const specifier = rebaseSpecifier(reference.from, model.sourceFile, outputFile);
    typeLocals.set(reference, bind(specifier, reference.name, true));
  }

  const ownModule = definitionSpecifier(model.sourceFile, outputFile);
  const schemaLocals = new Map<string, string>();
  for (const name of model.schemaImports) schemaLocals.set(name, bind(ownModule, name, false));

  return {
    imports: [...groups].map(([specifier, bindings]) => importView(specifier, bindings)),
    createMachine,
    transitionEdges,
    workflow,
    schemaInput,
    schemaOutput,
    typeText: (reference) =>
      reference.kind === 'text' ? reference.text : (typeLocals.get(reference) ?? reference.name),
    schemaConstant: (name) => schemaLocals.get(name) ?? name,
  };
}
