import { expect, it } from 'vitest';
import { AdapterReentryError, type ORMAdapter } from 'state-machine-framework';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { recordingPool } from './server-helpers.js';

const ids = async (db: ORMAdapter) =>
  (await db.filter('items', {})).map((row) => row['id'] as string).toSorted();

describeOnServer('postgres', 'PgAdapter: transactions', () => {
  const schema = pgSchemaForFile([
    'CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)',
    // A row that says which server process wrote it.
    'CREATE TABLE backends (id TEXT PRIMARY KEY, pid INTEGER NOT NULL DEFAULT pg_backend_pid())',
  ]);
  const fresh = async () => {
    const db = new PgAdapter(schema().pool());
    await db.delete('items', {});
    return db;
  };

  it('commits when the callback resolves and rolls back when it rejects', async () => {
    const db = await fresh();
    expect(await db.transaction(async (tx) => (await tx.create('items', { id: 'a' }))['id'])).toBe(
      'a',
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.create('items', { id: 'b' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await ids(db)).toEqual(['a']);
  });

  it('nested transactions are savepoints: one rolls back alone, one released joins the outer', async () => {
    const db = await fresh();
    await db.transaction(async (tx) => {
      await tx.create('items', { id: 'outer' });
      await tx.transaction(async (inner) => {
        await inner.create('items', { id: 'kept' });
      });
      await tx
        .transaction(async (inner) => {
          await inner.create('items', { id: 'undone' });
          await inner.transaction(async (deeper) => deeper.create('items', { id: 'undone-too' }));
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      await tx.create('items', { id: 'after' });
    });
    expect(await ids(db)).toEqual(['after', 'kept', 'outer']);
  });

  it('a statement that fails inside a savepoint leaves the transaction usable once rolled back to it', async () => {
    const db = await fresh();
    await db.create('items', { id: 'dup' });
    await db.transaction(async (tx) => {
      const failed = await tx
        .transaction((inner) => inner.create('items', { id: 'dup' }))
        .catch((error: unknown) => error);
      expect(failed).toMatchObject({ name: 'UniqueViolationError', model: 'items' });
      await tx.create('items', { id: 'later' });
    });
    expect(await ids(db)).toEqual(['dup', 'later']);
  });

  it('a caught error outside any savepoint makes COMMIT fail instead of quietly rolling back', async () => {
    const db = await fresh();
    await db.create('items', { id: 'dup' });
    let next: unknown;
    const error = await db
      .transaction(async (tx) => {
        await tx.create('items', { id: 'lost' });
        await tx.create('items', { id: 'dup' }).catch(() => undefined);
        next = await tx.get('items', { id: 'lost' }).catch((e: unknown) => e);
      })
      .catch((e: unknown) => e);
    expect(next).toBeInstanceOf(PgAdapterError);
    expect((next as Error).message).toMatch(/the transaction had already failed/);
    expect(error).toBeInstanceOf(PgAdapterError);
    expect((error as Error).message).toMatch(/could not commit/);
    expect(await ids(db)).toEqual(['dup']);
  });

  it('two nested transactions started at once run one after the other; the failing one undoes only itself', async () => {
    const db = await fresh();
    await db.transaction(async (tx) => {
      const first = tx.transaction(async (inner) => {
        await inner.create('items', { id: 'first' });
        await inner.create('items', { id: 'first-2' });
        throw new Error('first fails');
      });
      const second = tx.transaction(async (inner) => {
        await inner.create('items', { id: 'second' });
      });
      const direct = tx.create('items', { id: 'direct' });
      await expect(first).rejects.toThrow('first fails');
      await second;
      await direct;
    });
    expect(await ids(db)).toEqual(['direct', 'second']);
  });

  it('a handle refuses work after its transaction ended', async () => {
    const db = await fresh();
    let kept: ORMAdapter | undefined;
    let nested: ORMAdapter | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
      await tx.transaction(async (inner) => {
        nested = inner;
      });
    });
    await expect(kept!.create('items', { id: 'x' })).rejects.toThrow(
      /used after its transaction ended/,
    );
    await expect(nested!.get('items', { id: 'x' })).rejects.toBeInstanceOf(PgAdapterError);
    await expect(kept!.transaction(async () => 1)).rejects.toThrow(/after its transaction ended/);
    expect(await ids(db)).toEqual([]);
  });

  it('the adapter itself called from inside its own transaction is an AdapterReentryError', async () => {
    const db = await fresh();
    // Known while the callback runs synchronously (and in the runtime's handler calls).
    await db.transaction(async () => {
      const read = db.get('items', { id: 'x' });
      const nested = db.transaction(async () => 1);
      await expect(read).rejects.toBeInstanceOf(AdapterReentryError);
      await expect(nested).rejects.toBeInstanceOf(AdapterReentryError);
    });
  });

  it('an outer handle called from inside its nested transaction fails at once', async () => {
    const db = await fresh();
    await db.transaction(async (tx) => {
      await tx.transaction(async () => {
        await expect(tx.create('items', { id: 'x' })).rejects.toBeInstanceOf(AdapterReentryError);
      });
    });
  });

  it('onCommit runs after the outermost COMMIT, in order, and is dropped with a rolled-back savepoint', async () => {
    const db = await fresh();
    const seen: string[] = [];
    await db.transaction(async (tx) => {
      tx.onCommit!(async (adapter) => {
        seen.push(`outer sees ${(await ids(adapter)).join(',')}`);
      });
      await tx.transaction(async (inner) => {
        await inner.create('items', { id: 'a' });
        inner.onCommit!(() => void seen.push('released'));
      });
      await tx
        .transaction(async (inner) => {
          inner.onCommit!(() => void seen.push('rolled back'));
          throw new Error('x');
        })
        .catch(() => undefined);
      seen.push('before commit');
    });
    expect(seen).toEqual(['before commit', 'outer sees a', 'released']);
    await db
      .transaction(async (tx) => {
        tx.onCommit!(() => void seen.push('never'));
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(seen).not.toContain('never');
  });

  it('savepoint statements ride with the next statement: a transition costs its own statements', async () => {
    const recording = recordingPool(schema().pool());
    const db = new PgAdapter(recording.pool);
    await db.create('items', { id: 'r' }); // reads the table's columns once
    recording.sent.length = 0;
    await db.transaction(async (tx) => {
      await tx.get('items', { id: 'r' }, { lock: 'wait' });
      await tx.transaction(async (inner) => {
        await inner.update('items', { id: 'r', n: 0 }, { n: 1 });
      });
      await tx.transaction(async (inner) => {
        await inner.update('items', { id: 'r', n: 1 }, { n: 2 });
      });
      await tx.transaction(async () => undefined);
    });
    expect(recording.sent).toEqual([
      // DateStyle and extra_float_digits are pinned for the transaction, at no round trip.
      `BEGIN; SET LOCAL DateStyle = ISO; SET LOCAL extra_float_digits = 1; SELECT * FROM "items" WHERE "id" = 'r' LIMIT 2 FOR UPDATE`,
      `SAVEPOINT "smf_0"; UPDATE "items" SET "n" = '1' WHERE "id" = 'r' AND "n" = '0'`,
      `RELEASE SAVEPOINT "smf_0"; SAVEPOINT "smf_1"; UPDATE "items" SET "n" = '2' WHERE "id" = 'r' AND "n" = '1'`,
      'RELEASE SAVEPOINT "smf_1"; COMMIT',
    ]);
    recording.sent.length = 0;
    await db.transaction(async (tx) => tx.transaction(async () => 1));
    expect(recording.sent).toEqual([]);
    expect((await db.get('items', { id: 'r' }))['n']).toBe(2);
  });

  it('a connection lost mid-transaction fails it, the client is destroyed, the next one works', async () => {
    const pool = schema().pool({ max: 1 });
    const db = new PgAdapter(pool);
    await db.delete('items', {});
    const killer = schema().pool({ max: 1 });
    const error = await db
      .transaction(async (tx) => {
        await tx.create('items', { id: 'gone' });
        const { pid } = await tx.create('backends', { id: 'mine' });
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.create('items', { id: 'never' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(pool.totalCount).toBe(0);
    expect(await db.transaction(async (tx) => tx.filter('items', {}))).toEqual([]);
  });

  it('a first statement that fails (sent with BEGIN) leaves the client clean for the next transaction', async () => {
    const db = new PgAdapter(schema().pool({ max: 1 }));
    await db.delete('items', {});
    await db.create('items', { id: 'taken' });
    await expect(db.transaction((tx) => tx.create('items', { id: 'taken' }))).rejects.toMatchObject(
      {
        name: 'UniqueViolationError',
      },
    );
    await db.transaction((tx) => tx.create('items', { id: 'next' }));
    const other = new PgAdapter(schema().pool({ max: 1 }));
    expect(await ids(other)).toEqual(['next', 'taken']);
  });
});
