import type { DiagramView } from './diagram-view.js';

/** A Mermaid `stateDiagram-v2` of the machine: `[*]` marks start and terminal states. */
export function renderMermaidDiagram(view: DiagramView): string {
  return [
    ...view.headerLines.map((line) => `%% ${line}`),
    'stateDiagram-v2',
    ...view.startStates.map((state) => `  [*] --> ${state}`),
    ...view.edges.map((edge) => `  ${edge.from} --> ${edge.to}`),
    ...view.timerEdges.map((edge) => `  ${edge.from} --> ${edge.to}: ${edge.label}`),
    ...view.terminalStates.map((state) => `  ${state} --> [*]`),
    '',
  ].join('\n');
}
