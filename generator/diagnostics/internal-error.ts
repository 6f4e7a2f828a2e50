import type { Diagnostic } from './diagnostic.js';

/** Not in the code table: it reports a bug in smf-gen, not a problem in the definition. */
export const INTERNAL_ERROR_CODE = 'SMF900';

/** An unexpected failure while generating `file`, reported against it so the other definitions still generate. */
export function internalErrorDiagnostic(file: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR_CODE,
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message: `internal error while generating this definition: ${reason}`,
  };
}
