import { afterEach, describe, expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { TransactionalAdapter } from 'state-machine-framework/adapters/transactional';
import { openItemsDatabase, sqliteDriver } from './support/sqlite-driver.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

function adapterOnFile(log: string[] = []) {
  const opened = openItemsDatabase();
  close = opened.close;
  return { db: opened.db, adapter: new TransactionalAdapter(sqliteDriver(opened.db, log)) };
}

const onCommit = (tx: ORMAdapter, callback: () => unknown) => {
  if (!tx.onCommit) throw new Error('the handle offers no onCommit');
  tx.onCommit(callback);
};

describe('TransactionalAdapter transaction handles: onCommit', () => {
  it('runs the callbacks of the transaction and released savepoints after COMMIT, in order', async () => {
    const log: string[] = [];
    const { adapter } = adapterOnFile(log);
    const result = await adapter.transaction(async (tx) => {
      onCommit(tx, () => log.push('outer callback'));
      await tx.transaction(async (sp) => {
        onCommit(sp, () => log.push('savepoint callback'));
        await sp.transaction(async (inner) => onCommit(inner, () => log.push('inner callback')));
      });
      return 'result';
    });
    expect(result).toBe('result');
    expect(log).toEqual([
      'BEGIN',
      'SAVEPOINT smf_sp_0',
      'SAVEPOINT smf_sp_1',
      'RELEASE smf_sp_1',
      'RELEASE smf_sp_0',
      'COMMIT',
      'outer callback',
      'savepoint callback',
      'inner callback',
    ]);
  });

  it('drops the callbacks of a rolled-back savepoint and of a rolled-back transaction', async () => {
    const log: string[] = [];
    const { adapter } = adapterOnFile(log);
    await adapter.transaction(async (tx) => {
      await tx
        .transaction(async (sp) => {
          await sp.transaction(async (inner) => onCommit(inner, () => log.push('inner')));
          throw new Error('savepoint fails');
        })
        .catch(() => undefined);
      onCommit(tx, () => log.push('kept'));
    });
    await adapter
      .transaction(async (tx) => {
        await tx.transaction(async (sp) => onCommit(sp, () => log.push('released')));
        onCommit(tx, () => log.push('outer'));
        throw new Error('outer fails');
      })
      .catch(() => undefined);
    expect(log.filter((entry) => !/^[A-Z]/.test(entry))).toEqual(['kept']);
    expect(log.at(-1)).toBe('ROLLBACK');
  });

  it('a callback may start a new transaction on the same adapter', async () => {
    const { db, adapter } = adapterOnFile();
    await adapter.transaction(async (tx) => {
      await tx.create('Item', { id: 1, n: 1 });
      onCommit(tx, () =>
        adapter.transaction(async (next) => next.update('Item', { id: 1 }, { n: 2 })),
      );
    });
    expect(db.prepare('SELECT n FROM "Item"').all()).toEqual([{ n: 2 }]);
  });

  it('a savepoint settling after its transaction ended issues no SQL on the connection', async () => {
    const log: string[] = [];
    const { adapter } = adapterOnFile(log);
    let failLate!: (error: Error) => void;
    let late: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      late = tx.transaction(() => new Promise((_, reject) => (failLate = reject)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    await adapter.transaction(async (tx) => {
      failLate(new Error('late failure'));
      await expect(late).rejects.toThrow('late failure');
      await tx.create('Item', { id: 1 });
    });
    expect(log).toEqual(['BEGIN', 'SAVEPOINT smf_sp_0', 'COMMIT', 'BEGIN', 'COMMIT']);
  });
});
