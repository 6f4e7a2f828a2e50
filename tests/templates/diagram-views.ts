import type { DiagramView } from '../../templates/diagram-view.js';

// Deliberately not what a builder would give (edges out of declaration order, a terminal state
// with an edge, a node list that omits an edge's end, an entry node not called `__start`): the
// templates print it as it is.
export const doorView: DiagramView = {
  headerLines: ['first header line', 'second'],
  graphId: 'Door',
  entryNode: 'entry',
  states: ['Open', 'Locked'],
  startStates: ['Open', 'Ajar'],
  terminalStates: ['Locked'],
  edges: [
    { from: 'Locked', to: 'Open' },
    { from: 'Open', to: 'Open' },
    { from: 'Open', to: 'Closed' },
  ],
  timerEdges: [{ from: 'Open', to: 'Locked', label: '<<after 1h>>' }],
};

export const emptyView: DiagramView = {
  headerLines: [],
  graphId: 'Empty',
  entryNode: '__start',
  states: [],
  startStates: [],
  terminalStates: [],
  edges: [],
  timerEdges: [],
};
