import { describe, expect, it } from 'vitest';
import { renderMermaidDiagram } from '../../templates/mermaid-diagram.js';
import { doorView, emptyView } from './diagram-views.js';

describe('renderMermaidDiagram fed a literal view', () => {
  it('prints the header as %% comments, then start, edge, timer edge and terminal lines in view order', () => {
    expect(renderMermaidDiagram(doorView)).toBe(
      [
        '%% first header line',
        '%% second',
        'stateDiagram-v2',
        '  [*] --> Open',
        '  [*] --> Ajar',
        '  Locked --> Open',
        '  Open --> Open',
        '  Open --> Closed',
        '  Open --> Locked: <<after 1h>>',
        '  Locked --> [*]',
        '',
      ].join('\n'),
    );
  });

  it('prints only the diagram line for an empty view', () => {
    expect(renderMermaidDiagram(emptyView)).toBe('stateDiagram-v2\n');
  });
});
