import type { DiagramView } from './diagram-view.js';

/** A Graphviz digraph of the machine: a point marks the entry, double circles the terminal states. */
export function renderDotDiagram(view: DiagramView): string {
  return [
    ...view.headerLines.map((line) => `// ${line}`),
    `digraph ${view.machineName} {`,
    '  rankdir=LR;',
    '  node [shape=circle];',
    '  __start [shape=point];',
    ...view.states.map((state) => `  ${state};`),
    ...view.terminalStates.map((state) => `  ${state} [shape=doublecircle];`),
    ...view.startStates.map((state) => `  __start -> ${state};`),
    ...view.edges.map((edge) => `  ${edge.from} -> ${edge.to};`),
    '}',
    '',
  ].join('\n');
}
