/**
 * The parts of node-postgres the adapter uses, described here rather than imported so the runtime
 * keeps no dependency on `pg` (its types included): a `pg.Pool` fits `PgPool`, and the clients it
 * hands out fit `PgPoolClient`.
 */

/** Per-query type parsing (`pg`'s `CustomTypesConfig`): the adapter's own, never pg's global one. */
export interface PgTypeParsers {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}

export interface PgQueryConfig {
  readonly text: string;
  readonly values?: unknown[];
  readonly types?: PgTypeParsers;
}

export interface PgResult {
  readonly command: string;
  readonly rowCount: number | null;
  readonly rows: Record<string, unknown>[];
}

export interface PgPoolClient {
  // A method (not a property) so pg's overloaded `query` is assignable to it.
  query(config: PgQueryConfig): Promise<unknown>;
  /** Gives the client back to the pool; with an error, the pool destroys it instead. */
  release(error?: Error | boolean): void;
  /** pg's own parsers for types the adapter leaves alone (the user's, if they set any). */
  getTypeParser?(oid: number, format?: string): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the adapter needs of the pool a user passes: `pg.Pool`, or anything with its `connect`. */
export interface PgPool {
  connect(): Promise<PgPoolClient>;
}

/** The error node-postgres rejects a query with, as far as the adapter reads it. */
export interface PgDatabaseError {
  readonly message: string;
  readonly code?: string;
  readonly detail?: string;
  readonly table?: string;
  readonly constraint?: string;
  readonly schema?: string;
}

export function pgErrorOf(error: unknown): PgDatabaseError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? (error as PgDatabaseError) : undefined;
}

/** A multi-statement query gives one result per statement; the last is the one asked for. */
export function lastResult(result: unknown): PgResult {
  return (Array.isArray(result) ? result[result.length - 1] : result) as PgResult;
}
