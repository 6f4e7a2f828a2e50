/**
 * The synthetic machine both sides of the type-check benchmark describe: a chain S0 … S(n-3) where
 * each state may go one or two steps ahead or to the shared `Cancelled` terminal, and the last
 * chain state ends in `Done`. `n` counts every state, terminals included.
 */
export interface SyntheticState {
  readonly name: string;
  readonly start: boolean;
  readonly terminal: boolean;
  readonly to: readonly string[];
}

export interface SyntheticGraph {
  readonly states: readonly SyntheticState[];
  /** The states a workflow passes through from the start to `Done`: n - 1 of them. */
  readonly path: readonly string[];
}

export const DONE = 'Done';
export const CANCELLED = 'Cancelled';

export function syntheticGraph(size: number): SyntheticGraph {
  if (size < 4) throw new Error(`a synthetic graph needs at least 4 states, got ${size}`);
  const chainLength = size - 2;
  const chain = Array.from({ length: chainLength }, (_, i) => `S${i}`);
  const after = (i: number): string => chain[i] ?? DONE;
  const states: SyntheticState[] = chain.map((name, i) => ({
    name,
    start: i === 0,
    terminal: false,
    to: [...new Set([after(i + 1), after(i + 2), CANCELLED])],
  }));
  states.push({ name: DONE, start: false, terminal: true, to: [] });
  states.push({ name: CANCELLED, start: false, terminal: true, to: [] });
  return { states, path: [...chain, DONE] };
}

export function edgeCount(graph: SyntheticGraph): number {
  return graph.states.reduce((sum, state) => sum + state.to.length, 0);
}
