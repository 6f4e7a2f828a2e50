import type { MachineModel } from '../definition/machine-model.js';
import { headerLines, type GeneratedStamp } from '../outputs/generated-header.js';
import { sourcePathFromOutput } from './module-specifiers.js';
import type { DiagramView } from '../../templates/diagram-view.js';

export function buildDiagramView(
  model: MachineModel,
  outputFile: string,
  stamp: GeneratedStamp,
): DiagramView {
  return {
    headerLines: headerLines(sourcePathFromOutput(model.sourceFile, outputFile), stamp),
    machineName: model.name,
    states: model.states.map((state) => state.name),
    startStates: model.states.filter((state) => state.start).map((state) => state.name),
    terminalStates: model.states.filter((state) => state.terminal).map((state) => state.name),
    edges: model.states.flatMap((state) => state.to.map((to) => ({ from: state.name, to }))),
  };
}
