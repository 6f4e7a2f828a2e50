/** A problem found in a definition file. Data only: the CLI edge formats it. */
export interface Diagnostic {
  /** Stable code, e.g. 'SMF104'. Documented in README. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Absolute path of the file the problem is in. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  /** A fix suggestion, e.g. "did you mean 'Processing'?". */
  readonly hint?: string;
}

/** Where a value was written in the definition file. */
export interface SourceSpan {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** 0-based character offsets into the file, for code frames. */
  readonly start: number;
  readonly end: number;
}
