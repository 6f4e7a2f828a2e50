// Type tests for the KyselyAdapter, checked by `tsc --noEmit` over tests/ (npm run typecheck):
// the root's `db` is the Kysely<DB> passed in, a transaction handle's `db` is Transaction<DB>, so
// handlers' own queries are typed by the user's tables. `@ts-expect-error` marks what must not
// compile.
import type { Generated, Kysely, Transaction } from 'kysely';
import { expectTypeOf } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import {
  KyselyAdapter,
  type KyselyTransactionAdapter,
} from 'state-machine-framework/adapters/kysely';
import { CountingMachine } from '../../runtime/contract/support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';

interface DB {
  audit: { id: Generated<number>; jobId: string; note: string };
}
declare const db: Kysely<DB>;

export async function handles(): Promise<void> {
  const adapter = new KyselyAdapter(db, { tables: { Job: 'jobs' }, transitionLog: true });
  expectTypeOf(adapter).toEqualTypeOf<KyselyAdapter<DB>>();
  expectTypeOf(adapter.db).toEqualTypeOf<Kysely<DB>>();
  expectTypeOf(adapter).toExtend<ORMAdapter>();

  const notes = await adapter.transaction(async (tx) => {
    expectTypeOf(tx).toEqualTypeOf<KyselyTransactionAdapter<DB>>();
    expectTypeOf(tx.db).toEqualTypeOf<Transaction<DB>>();
    await tx.db.insertInto('audit').values({ jobId: 'J1', note: 'typed' }).execute();
    // @ts-expect-error note is required by the table
    await tx.db.insertInto('audit').values({ jobId: 'J1' }).execute();
    // @ts-expect-error no such table
    await tx.db.selectFrom('nope').selectAll().execute();
    return tx.transaction(async (inner) => {
      expectTypeOf(inner.db).toEqualTypeOf<Transaction<DB>>();
      return inner.db.selectFrom('audit').select(['id', 'note']).execute();
    });
  });
  expectTypeOf(notes).toEqualTypeOf<{ id: number; note: string }[]>();
}

/** Without `Register`, `meta.adapter` is any adapter; txOf gives this adapter's typed transaction. */
export function inHandlers(): void {
  const adapter = new KyselyAdapter(db);
  const counting = freshMachine(CountingMachine);
  counting.hook('Busy', async (instances, _context, meta) => {
    expectTypeOf(meta.adapter).toEqualTypeOf<ORMAdapter>();
    const trx = adapter.txOf(meta.adapter);
    expectTypeOf(trx).toEqualTypeOf<Transaction<DB>>();
    await trx.insertInto('audit').values({ jobId: instances.Job.jobId, note: 'hook' }).execute();
    const handle = meta.adapter as KyselyTransactionAdapter<DB>;
    expectTypeOf(handle.db).toEqualTypeOf<Transaction<DB>>();
    // @ts-expect-error without a `Register` declaration (tests/types/register-adapter.test.ts) meta.adapter is any ORMAdapter
    void meta.adapter.db;
  });
}

// @ts-expect-error not a Kysely instance
void new KyselyAdapter({ query() {} });
// @ts-expect-error dialect is one of the three
void new KyselyAdapter(db, { dialect: 'mssql' });
