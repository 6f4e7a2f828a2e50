// KyselyAdapter transactions on each dialect: commit and rollback, savepoints that roll back
// alone, onCommit after the real COMMIT only, handles and their db refused once ended, and the
// adapter itself refused from inside its own transaction.
import { expect, it } from 'vitest';
import {
  AdapterReentryError,
  DatabaseConflictError,
  type ORMAdapter,
} from 'state-machine-framework';
import { KyselyAdapter, KyselyAdapterError } from 'state-machine-framework/adapters/kysely';
import { describeEachDialect, openDatabase, type Dialect } from './support/kysely-databases.js';

const TABLES = { notes: { id: 'key', text: 'text' } } as const;

async function notes(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const adapter = new KyselyAdapter(database.db, { tables: { Note: 'notes' } });
  const reader = new KyselyAdapter(database.other(), { tables: { Note: 'notes' } });
  const ids = async () => (await reader.filter('Note', {})).map((row) => row['id']).toSorted();
  return { adapter, database, ids };
}

describeEachDialect('KyselyAdapter transactions on %s', (dialect) => {
  it('commits when the callback resolves, rolls back when it throws', async () => {
    const { adapter, ids } = await notes(dialect);
    expect(await adapter.transaction(async (tx) => (await tx.create('Note', { id: 'a' }), 1))).toBe(
      1,
    );
    const failed = adapter.transaction(async (tx) => {
      await tx.create('Note', { id: 'b' });
      throw new Error('undo');
    });
    await expect(failed).rejects.toThrow('undo');
    expect(await ids()).toEqual(['a']);
  });

  it('another connection sees nothing before COMMIT', async () => {
    const { adapter, ids } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      await tx.create('Note', { id: 'a' });
      expect(await ids()).toEqual([]);
    });
    expect(await ids()).toEqual(['a']);
  });

  it('a nested transaction is a savepoint: it rolls back alone, or is released into its parent', async () => {
    const { adapter, ids } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      await tx.create('Note', { id: 'kept' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.create('Note', { id: 'undone' });
          await inner.transaction(async (deeper) => deeper.create('Note', { id: 'undone too' }));
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => inner.create('Note', { id: 'released' }));
      expect((await tx.filter('Note', {})).map((row) => row['id']).toSorted()).toEqual([
        'kept',
        'released',
      ]);
    });
    expect(await ids()).toEqual(['kept', 'released']);
  });

  it('a statement error inside a savepoint leaves the transaction usable', async () => {
    const { adapter, ids } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      await tx.create('Note', { id: 'a' });
      await expect(tx.transaction((inner) => inner.create('Note', { id: 'a' }))).rejects.toThrow(
        /already exists/,
      );
      await tx.create('Note', { id: 'b' });
    });
    expect(await ids()).toEqual(['a', 'b']);
  });

  it('onCommit callbacks run after COMMIT, in order, given the adapter; dropped on rollback', async () => {
    const { adapter, ids } = await notes(dialect);
    const seen: string[] = [];
    await adapter.transaction(async (tx) => {
      tx.onCommit(async (committed) => {
        expect(committed).toBe(adapter);
        seen.push(`first sees ${(await ids()).join(',')}`);
        await committed.create('Note', { id: 'from callback' });
      });
      await tx.transaction(async (inner) => {
        inner.onCommit(() => seen.push('released savepoint'));
      });
      await tx
        .transaction(async (inner) => {
          inner.onCommit(() => seen.push('rolled-back savepoint'));
          throw new Error('no');
        })
        .catch(() => undefined);
      await tx.create('Note', { id: 'a' });
      seen.push('before commit');
    });
    await adapter
      .transaction(async (tx) => {
        tx.onCommit(() => seen.push('rolled-back transaction'));
        throw new Error('no');
      })
      .catch(() => undefined);
    expect(seen).toEqual(['before commit', 'first sees a', 'released savepoint']);
    expect(await ids()).toEqual(['a', 'from callback']);
  });

  it('a handle, and its db, refuse work once their transaction ended', async () => {
    const { adapter } = await notes(dialect);
    let handle: ORMAdapter | undefined;
    let db: { selectFrom(table: string): unknown } | undefined;
    await adapter.transaction(async (tx) => {
      handle = tx;
      db = tx.db;
    });
    await expect(handle!.filter('Note', {})).rejects.toThrow(/transaction already ended/);
    await expect(handle!.transaction(async () => 1)).rejects.toBeInstanceOf(KyselyAdapterError);
    expect(() => handle!.onCommit!(() => 1)).toThrow(/transaction already ended/);
    await expect(
      (async () => (db!.selectFrom('notes') as { execute(): Promise<unknown> }).execute())(),
    ).rejects.toThrow(/already committed|after the transaction ended/);
  });

  it('the adapter itself, called from inside its own transaction, fails at once', async () => {
    const { adapter } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      const error = await adapter.filter('Note', {}).catch((e) => e);
      expect(error).toBeInstanceOf(AdapterReentryError);
      await tx.create('Note', { id: 'still usable' });
    });
  });

  it("txOf gives a handler's typed transaction, and refuses anything else", async () => {
    const { adapter, ids } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        expect(adapter.txOf(inner)).toBe(inner.db);
        await adapter.txOf(inner).insertInto('notes').values({ id: 'typed', text: null }).execute();
      });
    });
    expect(await ids()).toEqual(['typed']);
    expect(() => adapter.txOf(adapter)).toThrow(/given the adapter itself/);
    const other = new KyselyAdapter((await openDatabase(dialect, {})).db);
    await other.transaction(async (tx) => {
      expect(() => adapter.txOf(tx)).toThrow(/needs an open transaction handle of this adapter/);
    });
  });
});

describeEachDialect(
  'KyselyAdapter transactions on %s (one connection)',
  (dialect) => {
    it('BEGIN IMMEDIATE: the write lock is taken at BEGIN, so a second writer cannot begin while the first runs', async () => {
      const { adapter, database, ids } = await notes(dialect);
      const second = new KyselyAdapter(database.other({ busyTimeout: 20 }), {
        tables: { Note: 'notes' },
      });
      await adapter.transaction(async (tx) => {
        await tx.create('Note', { id: 'first' });
        const error = await second
          .transaction(async (other) => other.filter('Note', {}))
          .catch((e) => e);
        expect(error).toBeInstanceOf(DatabaseConflictError);
        expect(error).toMatchObject({ reason: 'lock-timeout', code: 'SQLITE_BUSY' });
      });
      expect(await second.transaction(async (tx) => (await tx.filter('Note', {})).length)).toBe(1);
      expect(await ids()).toEqual(['first']);
    });

    it("the transaction's db is a Transaction: no nested transaction(), no destroy()", async () => {
      const { adapter } = await notes(dialect);
      await adapter.transaction(async (tx) => {
        expect(tx.db.isTransaction).toBe(true);
        expect(() => tx.db.transaction()).toThrow(/not available on a transaction's db/);
        await expect(Promise.resolve().then(() => tx.db.destroy())).rejects.toThrow(
          /not available on a transaction's db/,
        );
      });
    });
  },
  ['sqlite'],
);
