// Type tests for the DrizzleAdapter, checked by `tsc --noEmit` over tests/ (npm run typecheck):
// a handle's `db` is the transaction type of the db passed in, so handlers' own queries are typed
// by the user's tables. `@ts-expect-error` marks what must not compile.
import type { Database } from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { RunResult } from 'better-sqlite3';
import { expectTypeOf } from 'vitest';
import {
  DrizzleAdapter,
  type DrizzleTransaction,
  type DrizzleTransactionOf,
} from 'state-machine-framework/adapters/drizzle';
import type { ORMAdapter } from 'state-machine-framework';
import { CountingMachine } from '../../runtime/contract/support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { PG_TABLES, SQLITE_TABLES } from './support/drizzle-fixtures.js';

declare const pgDb: NodePgDatabase & { $client: unknown };
declare const sqliteDb: BetterSQLite3Database & { $client: Database };

/** Exactly what the db's own `transaction(tx => …)` hands its callback. */
type TxOf<TDb extends { transaction: (...args: any[]) => unknown }> = Parameters<
  Parameters<TDb['transaction']>[0]
>[0];
type PgTx = TxOf<typeof pgDb>;
type SqliteTx = TxOf<typeof sqliteDb>;

expectTypeOf<PgTx['rollback']>().toEqualTypeOf<() => never>();
expectTypeOf<SqliteTx['run']>().returns.toEqualTypeOf<RunResult>();

export async function pgHandles(): Promise<void> {
  const adapter = new DrizzleAdapter(pgDb, { tables: PG_TABLES });
  expectTypeOf(adapter.db).toEqualTypeOf(pgDb);
  expectTypeOf<DrizzleTransactionOf<typeof pgDb>>().toEqualTypeOf<PgTx>();

  const rows = await adapter.transaction(async (tx) => {
    expectTypeOf(tx).toEqualTypeOf<DrizzleTransaction<typeof pgDb>>();
    expectTypeOf(tx.db).toEqualTypeOf<PgTx>();
    await tx.db.insert(PG_TABLES.Audit).values({ jobId: 'J1', note: 'typed' });
    // @ts-expect-error note is required by the table
    await tx.db.insert(PG_TABLES.Audit).values({ jobId: 'J1' });
    return tx.db.select().from(PG_TABLES.Counter);
  });
  expectTypeOf(rows[0]!.meta).toEqualTypeOf<unknown>();
  expectTypeOf(rows[0]!.count).toEqualTypeOf<number>();
}

export function sqliteHandles(): void {
  const adapter = new DrizzleAdapter(sqliteDb, { tables: SQLITE_TABLES });
  expectTypeOf<DrizzleTransactionOf<typeof sqliteDb>>().toEqualTypeOf<SqliteTx>();
  void adapter.transaction(async (tx) => {
    expectTypeOf(tx.db).toEqualTypeOf<SqliteTx>();
    const samples = tx.db.select().from(SQLITE_TABLES.Sample).all();
    expectTypeOf(samples[0]!.big).toEqualTypeOf<bigint | null>();
    expectTypeOf(samples[0]!.at).toEqualTypeOf<Date | null>();
  });
}

/** In a handler, `meta.adapter` is any adapter; the adapter's txOf gives its typed transaction. */
export function inHandlers(): void {
  const adapter = new DrizzleAdapter(pgDb, { tables: PG_TABLES });
  const counting = freshMachine(CountingMachine);
  counting.hook('Busy', async (instances, _context, meta) => {
    expectTypeOf(meta.adapter).toEqualTypeOf<ORMAdapter>();
    const tx = adapter.txOf(meta.adapter);
    expectTypeOf(tx).toEqualTypeOf<PgTx>();
    await tx.insert(PG_TABLES.Audit).values({ jobId: instances.Job.jobId, note: 'hook' });
    const handle = meta.adapter as DrizzleTransaction<typeof pgDb>;
    expectTypeOf(handle.db).toEqualTypeOf<PgTx>();
    // @ts-expect-error meta.adapter is typed as any ORMAdapter (see the report on AdapterRegister)
    void meta.adapter.db;
  });
}

// @ts-expect-error a table is required per model, not a table name
void new DrizzleAdapter(pgDb, { tables: { Order: 'orders' } });
// @ts-expect-error not a Drizzle database
void new DrizzleAdapter({ query() {} }, { tables: {} });
