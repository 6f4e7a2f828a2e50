import type { MachineModel } from '../definition/machine-model.js';
import { buildContextView } from './context-view.js';
import { exportNamesFor } from './export-names.js';
import { headerLines, type GeneratedStamp } from '../outputs/generated-header.js';
import { planImports } from './import-plan.js';
import {
  arrayOf,
  code,
  literalUnion,
  objectOf,
  property,
  propertyKey,
  stringCode,
  valueLiteral,
} from './literals.js';
import { sourcePathFromOutput } from './module-specifiers.js';
import { buildTimersView, timerLiteral } from './timers-view.js';
import { anyStateTargets, contextOptionType, stateInstanceMembers } from './state-types-view.js';
import type { LiteralView, PropertyView } from '../../templates/literal-view.js';
import type { MachineModuleView } from '../../templates/machine-module-view.js';

function stateConfig(state: MachineModel['states'][number]): LiteralView {
  const properties: PropertyView[] = [
    property(
      'models',
      objectOf(state.values.map(({ model, value }) => property(model, code(valueLiteral(value))))),
    ),
    property('to', arrayOf(state.to.map(stringCode))),
  ];
  if (state.start) properties.push(property('start', code('true')));
  if (state.terminal) properties.push(property('terminal', code('true')));
  if (state.timers.length > 0) {
    properties.push(property('after', arrayOf(state.timers.map(timerLiteral))));
  }
  return objectOf(properties);
}

/** Every decision about the generated module, made once; the template only prints it. */
export function buildModuleView(
  model: MachineModel,
  outputFile: string,
  stamp: GeneratedStamp,
): MachineModuleView {
  const names = exportNamesFor(model.name);
  const imports = planImports(model, outputFile, Object.values(names));
  const context = buildContextView(model, imports);
  const stateNames = model.states.map((state) => state.name);
  const timers = buildTimersView(model);

  const machineConfig = objectOf([
    property('name', stringCode(model.name)),
    property(
      'models',
      objectOf(
        model.models.map((entry) =>
          property(
            entry.name,
            objectOf([
              property('stateField', stringCode(entry.stateField)),
              property('identifierField', stringCode(entry.identifierField)),
              ...(entry.versionField === undefined
                ? []
                : [property('versionField', stringCode(entry.versionField))]),
              ...(entry.linkedBy === undefined
                ? []
                : [property('linkedBy', stringCode(entry.linkedBy))]),
            ]),
          ),
        ),
      ),
    ),
    property(
      'states',
      objectOf(model.states.map((state) => property(state.name, stateConfig(state)))),
    ),
    property('context', context.config),
  ]);

  return {
    headerLines: headerLines(sourcePathFromOutput(model.sourceFile, outputFile), stamp),
    imports: imports.imports,
    names,
    runtime: {
      createMachine: imports.createMachine,
      transitionEdges: imports.transitionEdges,
      workflow: imports.workflow,
    },
    stateList: arrayOf(stateNames.map(stringCode)),
    stateUnion: literalUnion(stateNames),
    startUnion: literalUnion(
      model.states.filter((state) => state.start).map((state) => state.name),
    ),
    terminalUnion: literalUnion(
      model.states.filter((state) => state.terminal).map((state) => state.name),
    ),
    transitionMembers: model.states.map((state) => ({
      name: propertyKey(state.name),
      type: literalUnion(state.to),
    })),
    transitionTable: objectOf(
      model.states.map((state) => property(state.name, arrayOf(state.to.map(stringCode)))),
    ),
    ...(timers === undefined ? {} : { timers }),
    modelMembers: model.models.map((entry) => ({
      name: propertyKey(entry.name),
      type: imports.typeText(entry.type),
    })),
    // The first model is the primary one: createMachine compiles the config's first model as such.
    primaryModel: literalUnion(model.models.slice(0, 1).map((entry) => entry.name)),
    contextMembers: context.members,
    contextInputMembers: context.inputMembers,
    anyStateTargets: anyStateTargets(model),
    stateInstanceMembers: stateInstanceMembers(model, imports),
    contextOption: contextOptionType(names.contextInputInterface, context.inputHasRequiredEntry),
    machineConfig,
  };
}
