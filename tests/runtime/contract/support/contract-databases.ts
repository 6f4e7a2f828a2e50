import { expect } from 'vitest';
import {
  MemoryAdapter,
  type ORMAdapter,
  type Row,
  type TransitionLogEntry,
} from 'state-machine-framework';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { execOn, onCleanup, tempDatabasePath } from '../../sqlite/support/temp-database.js';
import { CONTRACT_SCHEMA_SQL, CONTRACT_TABLES, type ContractModel } from './contract-schema.js';

/** One database under test, with reads that see only what was committed. */
export interface ContractDatabase {
  readonly adapter: ORMAdapter;
  /** Every row of `model`, sorted by its identifier, read after whatever runs has ended. */
  rows(model: ContractModel): Promise<Row[]>;
  /** The persisted transition log, oldest first. */
  transitionLog(): Promise<TransitionLogEntry[]>;
}

const IDENTIFIERS: Record<ContractModel, string> = {
  Job: 'jobId',
  Counter: 'counterId',
  Invoice: 'invoiceId',
  Payment: 'paymentId',
  AuditEntry: 'auditId',
};

function sortedById(model: ContractModel, rows: Row[]): Row[] {
  const field = IDENTIFIERS[model];
  return rows.toSorted((a, b) => String(a[field]).localeCompare(String(b[field])));
}

function memoryDatabase(): ContractDatabase {
  const adapter = new MemoryAdapter({}, { transitionLog: true });
  return {
    adapter,
    rows: async (model) => sortedById(model, await adapter.filter(model, {})),
    transitionLog: async () => [...adapter.transitionLog],
  };
}

/** A new file with the contract tables; reads go through a second connection opened per read. */
function sqliteDatabase(): ContractDatabase {
  const file = tempDatabasePath('contract.db');
  execOn(file, CONTRACT_SCHEMA_SQL);
  const adapter = new SqliteAdapter(file, { tables: CONTRACT_TABLES, transitionLog: true });
  onCleanup(() => adapter.close());
  const read = async <R>(fn: (reader: SqliteAdapter) => Promise<R>): Promise<R> => {
    const reader = new SqliteAdapter(file, { tables: CONTRACT_TABLES, transitionLog: true });
    try {
      return await fn(reader);
    } finally {
      await reader.close();
    }
  };
  return {
    adapter,
    rows: (model) => read(async (reader) => sortedById(model, await reader.filter(model, {}))),
    transitionLog: () => read((reader) => reader.readTransitionLog()),
  };
}

/** `describe.each(CONTRACT_DATABASES)('… on %s', (_name, open) => …)`: every test runs on both. */
export const CONTRACT_DATABASES: readonly (readonly [string, () => ContractDatabase])[] = [
  ['MemoryAdapter', memoryDatabase],
  ['a SQLite file', sqliteDatabase],
];

/** The transition log as `machine entity: from → to` lines, the part every adapter agrees on. */
export async function logLines(db: ContractDatabase): Promise<string[]> {
  return (await db.transitionLog()).map(
    (e) => `${e.machine} ${String(e.entityId)}: ${e.from ?? '(new)'} → ${e.to}`,
  );
}

/** What a call rejected (or threw) with; fails the test when it succeeded. */
export async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  expect.fail('expected the call to fail, but it succeeded');
}

/** Lets every queued callback, timer of 0 ms and late promise settle before the test looks. */
export async function drainPendingWork(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Unhandled rejections seen while `fn` runs and its leftovers settle. */
export async function unhandledRejectionsDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await fn();
    await drainPendingWork();
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}
