import { afterEach, describe, expect, it } from 'vitest';
import { TransactionalAdapter } from 'state-machine-framework/adapters/transactional';
import { withCurrentTransaction } from '../../../runtime/adapters/current-transaction.js';
import { AdapterReentryError } from '../../../runtime/errors.js';
import { openItemsDatabase, sqliteDriver } from './support/sqlite-driver.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

function adapterOnFile(options: { lockTimeout?: number } = {}) {
  const opened = openItemsDatabase();
  close = opened.close;
  opened.db.exec('INSERT INTO "Item" (id, n) VALUES (1, 0)');
  return { db: opened.db, adapter: new TransactionalAdapter(sqliteDriver(opened.db), options) };
}

describe('TransactionalAdapter never waits without bound', () => {
  it('still takes just a driver', async () => {
    const { adapter } = adapterOnFile();
    expect(await adapter.get('Item', { id: 1 })).toEqual({ id: 1, n: 0 });
  });

  it('a transaction or savepoint callback calling the adapter itself fails at once', async () => {
    const { db, adapter } = adapterOnFile({ lockTimeout: Infinity });
    await adapter.transaction(async (tx) => {
      // Called before the callback's first await, while its handle is current.
      const calls = [adapter.get('Item', { id: 1 }), adapter.transaction(async () => 1)];
      for (const call of calls) await expect(call).rejects.toBeInstanceOf(AdapterReentryError);
      await tx.transaction(async (sp) => {
        await expect(adapter.update('Item', { id: 1 }, { n: 9 })).rejects.toThrow(
          /update\(\) was called on the adapter itself.*meta\.adapter/,
        );
        await sp.update('Item', { id: 1 }, { n: 1 });
      });
      const fromHandler = withCurrentTransaction(tx, () => adapter.delete('Item', {}));
      await expect(fromHandler).rejects.toBeInstanceOf(AdapterReentryError);
    });
    expect(db.prepare('SELECT n FROM "Item"').all()).toEqual([{ n: 1 }]);
  });

  it('after an await, the call fails once it has waited lockTimeout; the transaction commits', async () => {
    const { db, adapter } = adapterOnFile({ lockTimeout: 20 });
    const error = await adapter.transaction(async (tx) => {
      await tx.update('Item', { id: 1 }, { n: 1 });
      return adapter.get('Item', { id: 1 }).catch((e: unknown) => e);
    });
    expect(error).toBeInstanceOf(AdapterReentryError);
    expect((error as Error).message).toMatch(/lockTimeout 20 ms/);
    expect(db.prepare('SELECT n FROM "Item"').all()).toEqual([{ n: 1 }]);
  });

  it('two independent concurrent transactions simply wait for each other', async () => {
    const { db, adapter } = adapterOnFile();
    const increment = () =>
      adapter.transaction(async (tx) => {
        const { n } = await tx.get('Item', { id: 1 });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.update('Item', { id: 1 }, { n: (n as number) + 1 });
      });
    await Promise.all([increment(), increment(), increment()]);
    expect(db.prepare('SELECT n FROM "Item"').all()).toEqual([{ n: 3 }]);
  });

  it('a handle refuses work after its transaction ended', async () => {
    const { adapter } = adapterOnFile();
    const leaked = await adapter.transaction(async (tx) => tx);
    await expect(leaked.get('Item', { id: 1 })).rejects.toThrow('transaction already ended');
  });
});
