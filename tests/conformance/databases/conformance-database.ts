import type { ORMAdapter, Row } from 'state-machine-framework';
import {
  IDENTIFIERS,
  type ContractModel,
  type SqlDialect,
} from '../../runtime/contract/support/contract-schema.js';

/** One step of the persisted log as every adapter stores it; `entityId` as text. */
export interface LoggedStep {
  readonly machine: string;
  readonly entityId: string;
  readonly seq: number;
  readonly from: string | null;
  readonly to: string;
}

/**
 * One database under test, with the contract tables (contract-schema.ts) in a schema, database or
 * file of its own, and an adapter on it that keeps the transition log.
 */
export interface ConformanceDatabase {
  readonly adapter: ORMAdapter;
  readonly dialect: SqlDialect | 'memory';
  /**
   * Every row of `model`, sorted by its identifier, through a connection of its own (an adapter
   * of the same kind): what another process sees once everything committed.
   */
  rows(model: ContractModel): Promise<Row[]>;
  /** The whole persisted log, in the order written, read through a connection of its own. */
  transitionLog(): Promise<LoggedStep[]>;
  /** Ends the connections and drops the schema / database / file. Idempotent. */
  close(): Promise<void>;
}

/**
 * A fixture's databases for the tests of one file: `open` gives each test a database whose tables
 * are empty; `close`, after the file's last test, drops what the session made. A server fixture
 * makes its schema or database once per file and empties it for each test (far cheaper than DDL).
 */
export interface FixtureSession {
  open(): Promise<ConformanceDatabase>;
  close(): Promise<void>;
}

/** A session whose every database is made from scratch (memory, a new file each time). */
export const freshEachTime = (
  open: () => ConformanceDatabase | Promise<ConformanceDatabase>,
): FixtureSession => ({ open: async () => open(), close: async () => undefined });

export function sortedById(model: ContractModel, rows: readonly Row[]): Row[] {
  const field = IDENTIFIERS[model];
  return rows.toSorted((a, b) => String(a[field]).localeCompare(String(b[field])));
}

/** The log table's columns as `transitionLog()` reads them, and their rows as steps. */
export const LOG_COLUMNS = 'machine, entity_id, seq, from_state, to_state';

export interface LogRow {
  readonly machine: string;
  readonly entity_id: string;
  readonly seq: number | bigint | string;
  readonly from_state: string | null;
  readonly to_state: string;
}

export const stepOf = (row: LogRow): LoggedStep => ({
  machine: row.machine,
  entityId: row.entity_id,
  seq: Number(row.seq),
  from: row.from_state,
  to: row.to_state,
});

/** Runs every cleanup once, in reverse order, and every one even when one fails. */
export function closer(...cleanups: (() => unknown)[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      const errors: unknown[] = [];
      for (const cleanup of cleanups.toReversed()) {
        try {
          await cleanup();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'closing the database failed');
    })());
}
