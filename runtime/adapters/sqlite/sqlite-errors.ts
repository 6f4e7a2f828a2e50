import { StateMachineError } from '../../errors.js';

/**
 * A problem the SQLite adapter found before or instead of SQLite: an unknown table or column, a
 * value it cannot store, a transaction handle used after its transaction ended.
 */
export class SqliteAdapterError extends StateMachineError {
  constructor(message: string, cause?: unknown) {
    super(`SqliteAdapter: ${message}`, cause === undefined ? {} : { cause });
  }
}

/** Another connection held the database's write lock for longer than the adapter's `busyTimeout`. */
export class SqliteBusyError extends SqliteAdapterError {
  readonly file: string;
  readonly waitedMs: number;

  constructor(file: string, waitedMs: number, cause: unknown) {
    super(
      `could not begin a write transaction on ${file}: another connection held the write lock for ${waitedMs} ms (SQLITE_BUSY); raise the busyTimeout option or shorten the other connection's transactions`,
      cause,
    );
    this.file = file;
    this.waitedMs = waitedMs;
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
