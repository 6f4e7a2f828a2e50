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

/** The write lock stayed with others for the adapter's whole `busyTimeout`. */
export class SqliteBusyError extends SqliteAdapterError {
  readonly file: string;
  /** How long this transaction waited for the lock, in ms. */
  readonly waitedMs: number;

  constructor(file: string, waitedMs: number, cause: unknown, heldBy: string) {
    super(
      `could not begin a write transaction on ${file}: waited ${waitedMs} ms for the write lock (SQLITE_BUSY) while ${heldBy}; raise the busyTimeout option or shorten the other transactions`,
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
