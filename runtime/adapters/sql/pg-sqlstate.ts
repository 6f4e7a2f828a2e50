import type { ConflictReason } from '../../errors.js';

/** What a PostgreSQL error's SQLSTATE means to an adapter, whichever driver wrapper carried it. */
export type PgFailure =
  | { readonly kind: 'conflict'; readonly reason: ConflictReason }
  /** A value the server refused (class 22) or a canceled statement: `why` for the message. */
  | { readonly kind: 'refused'; readonly why: string }
  | { readonly kind: 'unique' }
  /** A statement sent into a transaction an earlier, caught error aborted. */
  | { readonly kind: 'aborted' };

export interface PgStatementKind {
  /** The statement read with `FOR UPDATE NOWAIT`. */
  readonly nowait?: boolean | undefined;
  /** The statement read with `FOR UPDATE` (waiting, or with NOWAIT). */
  readonly locking?: boolean | undefined;
}

/**
 * Serialization failure (40001), deadlock (40P01) and lock not available (55P03) are conflicts a
 * fresh transaction may not meet; a statement canceled (57014, statement_timeout) while it waited
 * for a row lock is a lock wait that took too long, any other canceled statement a refusal, as is
 * a data exception (class 22: out of range, not of the column's type, NUL). Undefined for the rest.
 */
export function pgFailure(
  code: string | undefined,
  message: string,
  statement: PgStatementKind,
): PgFailure | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case '40001':
      return { kind: 'conflict', reason: 'serialization' };
    case '40P01':
      return { kind: 'conflict', reason: 'deadlock' };
    case '55P03':
      return {
        kind: 'conflict',
        reason: statement.nowait === true ? 'lock-unavailable' : 'lock-timeout',
      };
    case '57014':
      return statement.locking === true
        ? { kind: 'conflict', reason: 'lock-timeout' }
        : { kind: 'refused', why: `the statement was canceled: ${message}` };
    case '23505':
      return { kind: 'unique' };
    case '25P02':
      return { kind: 'aborted' };
    default:
      return code.startsWith('22')
        ? { kind: 'refused', why: `the database refused a value: ${message}` }
        : undefined;
  }
}

/**
 * The columns and printed values of a unique violation's detail, "Key (a, "B")=(x, y) already
 * exists." (column names unquoted); empty when the detail says otherwise.
 */
export function pgUniqueKey(detail: string | undefined): {
  readonly columns: readonly string[];
  readonly printed: readonly string[];
} {
  const match = /^Key \((.*)\)=\((.*)\) already exists\.?$/s.exec(detail ?? '');
  if (match === null) return { columns: [], printed: [] };
  return {
    columns: splitList(match[1] as string).map(unquote),
    printed: splitList(match[2] as string),
  };
}

/** Splits at ", " outside double quotes. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ',' && text[i + 1] === ' ') {
      parts.push(current);
      current = '';
      i++;
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const unquote = (name: string) =>
  name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
