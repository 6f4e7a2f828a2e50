import type { MachineModel } from '../../../generator/definition/machine-model.js';
import { buildModuleView } from '../../../generator/emit/build-module-view.js';
import type { GeneratedStamp } from '../../../generator/outputs/generated-header.js';
import type { LiteralView } from '../../../templates/literal-view.js';
import type { MachineModuleView } from '../../../templates/machine-module-view.js';

export const STAMP: GeneratedStamp = {
  sourceHash: 'sha256:0123456789abcdef',
  generatorVersion: '1.2.3',
};
export const DEFINITION = '/repo/src/door.machine.ts';
export const OUTPUT = '/repo/src/door.machine.gen.ts';

/** The view, plus the runtime config's three sections lifted out so a case can name one. */
export interface ModuleViewParts extends MachineModuleView {
  readonly configModels: LiteralView | undefined;
  readonly configStates: LiteralView | undefined;
  readonly configContext: LiteralView | undefined;
}

/** One decision of the module view builder: given this model, want exactly these fields. */
export interface ModuleViewCase {
  readonly decision: string;
  readonly given: MachineModel;
  readonly output?: string;
  readonly want: Partial<ModuleViewParts>;
}

function configSection(config: LiteralView, key: string): LiteralView | undefined {
  if (config.kind !== 'object') return undefined;
  return config.properties.find((entry) => entry.key === key)?.value;
}

export function moduleViewParts(model: MachineModel, output = OUTPUT): ModuleViewParts {
  const view = buildModuleView(model, output, STAMP);
  return {
    ...view,
    configModels: configSection(view.machineConfig, 'models'),
    configStates: configSection(view.machineConfig, 'states'),
    configContext: configSection(view.machineConfig, 'context'),
  };
}

/** The fields of the built view that the case's want names, each whole, to compare exactly. */
export function fieldsNamedBy({ given, output, want }: ModuleViewCase): Partial<ModuleViewParts> {
  const parts = moduleViewParts(given, output);
  return Object.fromEntries(
    Object.keys(want).map((key) => [key, parts[key as keyof ModuleViewParts]]),
  );
}
