import type { MachineModel } from '../definition/machine-model.js';
import { headerLines, type GeneratedStamp } from '../outputs/generated-header.js';
import type { DiagramFormat } from '../outputs/output-paths.js';
import { dotId } from './dot-ids.js';
import { LocalNames } from './local-names.js';
import { sourcePathFromOutput } from './module-specifiers.js';
import type { DiagramView } from '../../templates/diagram-view.js';

const ID_AS_WRITTEN: Readonly<Record<DiagramFormat, (name: string) => string>> = {
  mermaid: (name) => name,
  dot: dotId,
};

/** Labels are `after 48h`: digits, letters and a space, which need no escaping in either. */
const LABEL_AS_WRITTEN: Readonly<Record<DiagramFormat, (text: string) => string>> = {
  mermaid: (text) => text,
  dot: (text) => `"${text}"`,
};

export function buildDiagramView(
  model: MachineModel,
  format: DiagramFormat,
  outputFile: string,
  stamp: GeneratedStamp,
): DiagramView {
  const id = ID_AS_WRITTEN[format];
  const stateNames = model.states.map((state) => state.name);
  return {
    headerLines: headerLines(sourcePathFromOutput(model.sourceFile, outputFile), stamp),
    graphId: id(model.name),
    // A state may be called `__start` too; the entry point must stay a node of its own.
    entryNode: id(new LocalNames(stateNames).claim('__start')),
    states: stateNames.map(id),
    startStates: model.states.filter((state) => state.start).map((state) => id(state.name)),
    terminalStates: model.states.filter((state) => state.terminal).map((state) => id(state.name)),
    edges: model.states.flatMap((state) =>
      state.to.map((to) => ({ from: id(state.name), to: id(to) })),
    ),
    timerEdges: model.states.flatMap((state) =>
      state.timers.map((timer) => ({
        from: id(state.name),
        to: id(timer.to),
        label: LABEL_AS_WRITTEN[format](`after ${timer.label}`),
      })),
    ),
  };
}
