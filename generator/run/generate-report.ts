import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * `written`/`unchanged`: emitted and compared with the file. `up-to-date`: skipped before any
 * emitting because the header already carries this source hash and generator version.
 * `current`/`stale`/`edited`/`missing`: `--check` results; `edited` is a file whose header is
 * current but whose text is not, which only `--force` rewrites.
 */
export type OutputStatus =
  'written' | 'unchanged' | 'up-to-date' | 'current' | 'stale' | 'edited' | 'missing';

const OUT_OF_DATE: readonly OutputStatus[] = ['stale', 'edited', 'missing'];

/** A `--check` result that fails the check. */
export function isOutOfDate(status: OutputStatus): boolean {
  return OUT_OF_DATE.includes(status);
}

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
      definition.outputs.some((output) => isOutOfDate(output.status)),
  );
  return failed ? 1 : 0;
}
