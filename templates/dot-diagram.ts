import type { DiagramView } from './diagram-view.js';

/**
 * A Graphviz digraph of the machine: a point marks the entry, double circles the terminal states,
 * dashed edges the timers.
 */
export function renderDotDiagram(view: DiagramView): string {
  return [
    ...view.headerLines.map((line) => `// ${line}`),
    `digraph ${view.graphId} {`,
    '  rankdir=LR;',
    '  node [shape=circle];',
    `  ${view.entryNode} [shape=point];`,
    ...view.states.map((state) => `  ${state};`),
    ...view.terminalStates.map((state) => `  ${state} [shape=doublecircle];`),
    ...view.startStates.map((state) => `  ${view.entryNode} -> ${state};`),
    ...view.edges.map((edge) => `  ${edge.from} -> ${edge.to};`),
    ...view.timerEdges.map(
      (edge) => `  ${edge.from} -> ${edge.to} [label=${edge.label}, style=dashed];`,
    ),
    '}',
    '',
  ].join('\n');
}
