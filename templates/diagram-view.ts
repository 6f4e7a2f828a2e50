/**
 * What the Mermaid and Graphviz templates print; emit has already picked every id and edge. Ids
 * are in the format's source form (quoted where the format needs it).
 */
export interface DiagramView {
  readonly headerLines: readonly string[];
  /** The graph's id (Graphviz). */
  readonly graphId: string;
  /** The entry point's node id (Graphviz), distinct from every state's id. */
  readonly entryNode: string;
  /** Every state's id, in declaration order. */
  readonly states: readonly string[];
  readonly startStates: readonly string[];
  readonly terminalStates: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
  /** A durable timer each, beside the plain edge to the same target; `label` in source form. */
  readonly timerEdges: readonly {
    readonly from: string;
    readonly to: string;
    readonly label: string;
  }[];
}
