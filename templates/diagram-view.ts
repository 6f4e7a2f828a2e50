/** What the Mermaid and Graphviz templates print; emit has already picked every name and edge. */
export interface DiagramView {
  readonly headerLines: readonly string[];
  readonly machineName: string;
  /** Every state id, in declaration order. */
  readonly states: readonly string[];
  readonly startStates: readonly string[];
  readonly terminalStates: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}
