import type { DiagramView } from './diagram-view.js';

/** A Graphviz digraph of the machine: a point marks the entry, double circles the terminal states. */
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
    '}',
    '',
  ].join('\n');
}
