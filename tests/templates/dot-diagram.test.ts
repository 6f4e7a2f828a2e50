import { describe, expect, it } from 'vitest';
import { renderDotDiagram } from '../../templates/dot-diagram.js';
import { doorView, emptyView } from './diagram-views.js';

describe('renderDotDiagram fed a literal view', () => {
  it('prints the header as // comments, then the entry node, nodes, terminal shapes, entries, edges and timer edges in view order', () => {
    expect(renderDotDiagram(doorView)).toBe(
      [
        '// first header line',
        '// second',
        'digraph Door {',
        '  rankdir=LR;',
        '  node [shape=circle];',
        '  entry [shape=point];',
        '  Open;',
        '  Locked;',
        '  Locked [shape=doublecircle];',
        '  entry -> Open;',
        '  entry -> Ajar;',
        '  Locked -> Open;',
        '  Open -> Open;',
        '  Open -> Closed;',
        '  Open -> Locked [label=<<after 1h>>, style=dashed];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints the fixed frame for an empty view', () => {
    expect(renderDotDiagram(emptyView)).toBe(
      [
        'digraph Empty {',
        '  rankdir=LR;',
        '  node [shape=circle];',
        '  __start [shape=point];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints quoted ids as the view gives them', () => {
    const quoted = {
      ...emptyView,
      graphId: '"Graph"',
      states: ['"Node"'],
      terminalStates: ['"Node"'],
      startStates: ['"Node"'],
    };
    expect(renderDotDiagram(quoted)).toBe(
      [
        'digraph "Graph" {',
        '  rankdir=LR;',
        '  node [shape=circle];',
        '  __start [shape=point];',
        '  "Node";',
        '  "Node" [shape=doublecircle];',
        '  __start -> "Node";',
        '}',
        '',
      ].join('\n'),
    );
  });
});
