/** The contended row (table "tallies"): its state, and a count the Counting hook raises by one. */
export interface Tally {
  tallyId: string;
  status: 'ready' | 'counting';
  count: number;
}

/**
 * A second row every transition writes with the tally (table "mirrors", linked by `tallyId`):
 * after any crash it must still agree with its tally, or a transition was half applied.
 */
export interface Mirror {
  mirrorId: string;
  tallyId: string;
  status: 'ready' | 'counting';
  count: number;
}
