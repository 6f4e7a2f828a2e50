import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * `written`/`unchanged`: emitted and compared with the file. `up-to-date`: skipped before any
 * emitting because the header already carries this source hash and generator version.
 * `current`/`stale`/`missing`: `--check` results.
 */
export type OutputStatus = 'written' | 'unchanged' | 'up-to-date' | 'current' | 'stale' | 'missing';

export interface OutputReport {
  readonly path: string;
  readonly status: OutputStatus;
}

export interface DefinitionReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Empty when the definition has errors: nothing is written for it. */
  readonly outputs: readonly OutputReport[];
}

export interface GenerateReport {
  /** Bad path arguments; nothing was generated. */
  readonly usageErrors: readonly string[];
  readonly definitions: readonly DefinitionReport[];
}

/** 0 ok (warnings allowed), 1 definition errors or stale/missing output, 2 usage errors. */
export function exitCodeOf(report: GenerateReport): 0 | 1 | 2 {
  if (report.usageErrors.length > 0) return 2;
  const failed = report.definitions.some(
    (definition) =>
      definition.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ||
      definition.outputs.some((output) => output.status === 'stale' || output.status === 'missing'),
  );
  return failed ? 1 : 0;
}
