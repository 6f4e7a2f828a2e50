/** Graphviz reserves these as ids in any letter case: a state `Node` would end the parse. */
const DOT_KEYWORDS = new Set(['node', 'edge', 'graph', 'digraph', 'subgraph', 'strict']);

/** What Graphviz reads unquoted: ASCII letters, digits, `_` and any non-ASCII character. */
const PLAIN_DOT_ID = /^[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*$/u;

/**
 * A name as a Graphviz id: as written when Graphviz reads it so, quoted otherwise. A state name is
 * a JavaScript identifier, which may hold a `$` or be a Graphviz keyword; neither parses bare.
 */
export function dotId(name: string): string {
  if (PLAIN_DOT_ID.test(name) && !DOT_KEYWORDS.has(name.toLowerCase())) return name;
  return `"${name.replaceAll('"', '\\"')}"`;
}
