// TransactionalAdapter: nested transactions on one handle take turns (one connection: ROLLBACK TO
// the first savepoint would undo a later one's work too, and RELEASE of it would drop the later
// one's savepoint), and a call on an outer handle from inside a nested transaction running on it,
// which would wait for itself, fails with AdapterReentryError: at once while a handle nested in
// it is current (a callback's synchronous part, a handler), else once it has waited lockTimeout.
// The conformance suite (tests/conformance/concurrent-savepoints.test.ts) checks what commits;
// these cases are the order and the refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterReentryError } from 'state-machine-framework';
import { TransactionalAdapter } from 'state-machine-framework/adapters/transactional';
import { freshMachine } from '../../support/fresh-machine.js';
import { validContext } from '../support/harness.js';
import { OrderMachine } from '../support/order.machine.gen.js';
import { openItemsDatabase, sqliteDriver } from './support/sqlite-driver.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

function adapterOnFile(options: { lockTimeout?: number } = {}, log: string[] = []) {
  const opened = openItemsDatabase();
  close = opened.close;
  const adapter = new TransactionalAdapter(sqliteDriver(opened.db, log), options);
  const ids = () => opened.db.prepare('SELECT id FROM "Item" ORDER BY id').pluck().all();
  return { db: opened.db, adapter, ids };
}

describe('TransactionalAdapter nested transactions on one handle', () => {
  it('started together, they run one after the other in the order started, calls on the handle between them', async () => {
    const log: string[] = [];
    const { adapter, ids } = adapterOnFile({}, log);
    const events: string[] = [];
    await adapter.transaction(async (tx) => {
      const nested = (name: string, id: number) =>
        tx.transaction(async (inner) => {
          events.push(`${name} starts`);
          await tick();
          await inner.create('Item', { id });
          events.push(`${name} ends`);
        });
      const first = nested('first', 1);
      const direct = tx.create('Item', { id: 2 }).then(() => void events.push('direct'));
      const second = nested('second', 3);
      await Promise.all([first, direct, second]);
    });
    expect(events).toEqual([
      'first starts',
      'first ends',
      'direct',
      'second starts',
      'second ends',
    ]);
    expect(log).toEqual([
      'BEGIN',
      'SAVEPOINT smf_sp_0',
      'RELEASE smf_sp_0',
      'SAVEPOINT smf_sp_1',
      'RELEASE smf_sp_1',
      'COMMIT',
    ]);
    expect(ids()).toEqual([1, 2, 3]);
  });

  it('an outer handle called from a nested transaction’s synchronous part fails at once, even with no lockTimeout', async () => {
    const { adapter, ids } = adapterOnFile({ lockTimeout: Infinity });
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        const calls = [tx.create('Item', { id: 9 }), tx.transaction(async () => 1)];
        for (const call of calls) await expect(call).rejects.toBeInstanceOf(AdapterReentryError);
        await inner.create('Item', { id: 1 });
        await inner.transaction(() => {
          const fromDeeper = inner.get('Item', { id: 1 });
          return expect(fromDeeper).rejects.toThrow(/called from inside a nested transaction/);
        });
      });
      await tx.create('Item', { id: 2 });
    });
    expect(ids()).toEqual([1, 2]);
  });

  it('an outer handle called from a handler of a workflow run on a nested transaction fails at once', async () => {
    const { db, adapter } = adapterOnFile({ lockTimeout: Infinity });
    db.exec('CREATE TABLE "Order" (orderId TEXT PRIMARY KEY, status TEXT NOT NULL, amount REAL)');
    const machine = freshMachine(OrderMachine);
    let refusal: unknown;
    await adapter.transaction(async (tx) => {
      machine.hook('Pending', () => {
        refusal = tx.create('Item', { id: 9 }).catch((error: unknown) => error);
      });
      await machine.run({ adapter: tx, context: validContext() }, (wf) =>
        wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } }),
      );
    });
    expect(await refusal).toBeInstanceOf(AdapterReentryError);
    expect(db.prepare('SELECT orderId, status FROM "Order"').all()).toEqual([
      { orderId: 'O1', status: 'pending' },
    ]);
    expect(db.prepare('SELECT count(*) FROM "Item"').pluck().get()).toBe(0);
  });

  it('after an await, the call on the outer handle fails once it has waited lockTimeout; the nested transaction commits', async () => {
    const { adapter, ids } = adapterOnFile({ lockTimeout: 20 });
    const error = await adapter.transaction((tx) =>
      tx.transaction(async (inner) => {
        await inner.create('Item', { id: 1 });
        return tx.create('Item', { id: 9 }).catch((e: unknown) => e);
      }),
    );
    expect(error).toBeInstanceOf(AdapterReentryError);
    expect((error as Error).message).toMatch(/while a nested transaction on that handle ran/);
    expect(ids()).toEqual([1]);
  });
});
