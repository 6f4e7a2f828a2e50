/**
 * Every `[from, to]` pair of a transition table, in table order. Generated modules derive their
 * `…_EDGES` from `…_TRANSITIONS` with this: an `as const` literal of every pair would cost the
 * type checker one tuple type per edge, the bulk of a large machine's check time.
 */
export function transitionEdges(table: {
  readonly [state: string]: readonly string[];
}): readonly (readonly [string, string])[] {
  const edges: (readonly [string, string])[] = [];
  for (const from of Object.keys(table)) {
    for (const to of table[from] ?? []) edges.push([from, to]);
  }
  return edges;
}
