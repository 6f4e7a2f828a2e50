import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HandlerError,
  ObjectNotFound,
  type ORMAdapter,
  type SyncAdapterOps,
} from 'state-machine-framework';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import type { Payment } from './support/order-models.js';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

const context = { customerId: 'C1' };
const order = (orderId: string, status = 'pending') => ({ orderId, status, amount: 10 });
const boom = new Error('boom');
const ids = (rows: unknown[] | undefined) =>
  (rows ?? []).map((r) => (r as { orderId: string }).orderId);

function syncOf(tx: ORMAdapter): SyncAdapterOps {
  const ops = tx.sync;
  if (!ops) throw new Error('this handle offers no synchronous operations');
  return ops;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SqliteAdapter transaction handles: synchronous operations', () => {
  it('are offered by transaction and savepoint handles, not by the adapter itself', async () => {
    const { adapter } = orderDatabase();
    expect((adapter as ORMAdapter).sync).toBeUndefined();
    await adapter.transaction(async (tx) => {
      expect(syncOf(tx).adapter).toBe(tx);
      expect(syncOf(tx).recordTransition).toBeUndefined();
      await tx.transaction(async (nested) => {
        expect(syncOf(nested).adapter).toBe(nested);
      });
    });
  });

  it('create, get, filter, update, delete and recordTransition round-trip and commit', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    await adapter.transaction(async (tx) => {
      const ops = syncOf(tx);
      expect(ops.create('Order', { ...order('O1'), express: true })).toEqual({
        ...order('O1'),
        customerEmail: null,
        express: true,
      });
      ops.create('Order', order('O2'));
      expect(ops.get('Order', { orderId: 'O1' })).toMatchObject({ express: true });
      expect(() => ops.get('Order', { orderId: 'missing' })).toThrow(ObjectNotFound);
      expect(() => ops.filter('Order', { colour: 'red' })).toThrow(/no column 'colour'/);
      expect(ids(ops.filter('Order', { status: 'pending' }))).toEqual(['O1', 'O2']);
      expect(ops.update('Order', { orderId: 'O1', status: 'pending' }, { status: 'shipped' })).toBe(
        1,
      );
      expect(ops.update('Order', { orderId: 'O1', status: 'pending' }, { status: 'lost' })).toBe(0);
      expect(ops.delete('Order', { orderId: 'O2' })).toBe(1);
      const logged = {
        machine: 'Order',
        entityId: 'O1',
        from: null,
        to: 'Shipped',
        at: new Date('2026-01-02T03:04:05.000Z'),
        results: { labelPrinted: 'L-1' },
        metadata: { by: 'test' },
      };
      expect(ops.recordTransition?.(logged)).toBe(1);
      expect(ops.recordTransition?.({ ...logged, from: 'Shipped', to: 'Delivered' })).toBe(2);
      // The promise method writes to the same log, in the same transaction.
      expect(await tx.recordTransition?.({ ...logged, entityId: 'O2' })).toBe(1);
      // The handle's promise methods see the same rows: one transaction.
      expect(await tx.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'shipped' });
    });
    expect(dumpTables(file)['orders']).toEqual([
      { ...order('O1', 'shipped'), customerEmail: null, express: 1 },
    ]);
    const logged = {
      machine: 'Order',
      entityId: 'O1',
      from: null,
      to: 'Shipped',
      at: new Date('2026-01-02T03:04:05.000Z'),
      results: { labelPrinted: 'L-1' },
      metadata: { by: 'test' },
    };
    expect(await adapter.readTransitionLog()).toEqual([
      { ...logged, seq: 1 },
      { ...logged, seq: 2, from: 'Shipped', to: 'Delivered' },
      { ...logged, seq: 1, entityId: 'O2' },
    ]);
    expect((await adapter.readTransitions!('Order', 'O1')).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('savepointSync releases a plain result and undoes a synchronous throw alone', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.transaction(async (tx) => {
      const ops = syncOf(tx);
      ops.create('Order', order('O1'));
      const kept = ops.savepointSync((nested) => {
        syncOf(nested).create('Order', order('O2'));
        return 'kept';
      });
      expect(kept).toBe('kept');
      expect(() =>
        ops.savepointSync((nested) => {
          const inner = syncOf(nested);
          inner.create('Order', order('O3'));
          inner.update('Order', { orderId: 'O1' }, { status: 'cancelled' });
          inner.savepointSync((deepest) => syncOf(deepest).create('Order', order('O4')));
          throw boom;
        }),
      ).toThrow(boom);
      expect(ids(ops.filter('Order', {}))).toEqual(['O1', 'O2']);
      expect(ops.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'pending' });
    });
    expect(ids(dumpTables(file)['orders'])).toEqual(['O1', 'O2']);
    expect(adapter.database.inTransaction).toBe(false);
  });

  it('savepointSync keeps the savepoint open for a returned promise and undoes it if that rejects', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.transaction(async (tx) => {
      const ops = syncOf(tx);
      const rejected = ops.savepointSync(async (nested) => {
        syncOf(nested).create('Order', order('O1'));
        await new Promise((resolve) => setTimeout(resolve, 1));
        syncOf(nested).create('Order', order('O2'));
        throw boom;
      });
      // Until it settles, the outer handle is refused: its writes would land in the savepoint.
      expect(() => ops.create('Order', order('O9'))).toThrow(/nested transaction open/);
      await expect(tx.get('Order', { orderId: 'O1' })).rejects.toThrow(/nested transaction open/);
      await expect(rejected).rejects.toBe(boom);
      expect(ops.filter('Order', {})).toEqual([]);

      const resolved = ops.savepointSync(async (nested) => {
        await Promise.resolve();
        return syncOf(nested).create('Order', order('O3'));
      });
      await expect(resolved).resolves.toMatchObject({ orderId: 'O3' });
      ops.create('Order', order('O4'));
    });
    expect(ids(dumpTables(file)['orders'])).toEqual(['O3', 'O4']);
  });

  it('a handle refuses every operation once its transaction or savepoint ended', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    let outer: ORMAdapter | undefined;
    let savepoint: ORMAdapter | undefined;
    let unawaited: Promise<unknown> | undefined;
    await adapter.transaction(async (tx) => {
      outer = tx;
      syncOf(tx).savepointSync((nested) => (savepoint = nested));
      // A savepoint still waiting when its transaction commits must not write outside it.
      unawaited = syncOf(tx).savepointSync(async (nested) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return syncOf(nested).create('Order', order('LATE'));
      });
      unawaited.catch(() => undefined);
    });
    const before = dumpTables(file);
    for (const handle of [outer, savepoint]) {
      const ops = syncOf(handle as ORMAdapter);
      const entry = { machine: 'Order', entityId: 'O1', from: null, to: 'Pending' };
      const refusals = [
        () => ops.create('Order', order('O1')),
        () => ops.get('Order', { orderId: 'O1' }),
        () => ops.filter('Order', {}),
        () => ops.update('Order', { orderId: 'O1' }, { status: 'x' }),
        () => ops.delete('Order', { orderId: 'O1' }),
        () => ops.recordTransition?.({ ...entry, at: new Date(), results: {}, metadata: {} }),
        () => ops.savepointSync(() => undefined),
      ];
      for (const refused of refusals) {
        expect(refused).toThrow(SqliteAdapterError);
        expect(refused).toThrow(/after its transaction ended/);
      }
    }
    await expect(unawaited).rejects.toThrow(/after its transaction ended/);
    expect(dumpTables(file)).toEqual(before);
    expect(adapter.database.inTransaction).toBe(false);
  });
});

describe('workflows on a SQLite file through the synchronous operations', () => {
  it('an async hook switches to promises mid-transition; a failure after the switch leaves the file unchanged', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    const machine = freshMachine(OrderMachine);
    await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 25 } });
      await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', orderId: 'O1', amount: 25 },
      });
    });
    const seen: string[] = [];
    machine.hook('Shipped', async function labelPrinted(instances, _context, meta) {
      seen.push(`hook sees ${instances.Order.status}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      // After the switch: the transition's savepoint handle, now through its promises.
      await meta.adapter.update('Order', { orderId: 'O1' }, { customerEmail: 'late@example.com' });
      seen.push('hook wrote');
    });
    machine.hook('Shipped', function courierBooked() {
      throw new Error('courier unavailable');
    });
    const before = dumpTables(file);

    // Spy on the handles' own classes: the writes before the switch must be synchronous.
    const handles = await adapter.transaction(async (tx) => ({ tx, ops: syncOf(tx) }));
    const syncUpdate = vi.spyOn(Object.getPrototypeOf(handles.ops) as SyncAdapterOps, 'update');
    const asyncUpdate = vi.spyOn(Object.getPrototypeOf(handles.tx) as ORMAdapter, 'update');
    const payment = (await adapter.get('Payment', { orderId: 'O1' })) as unknown as Payment;

    const escaped = machine.load(
      { adapter, id: 'O1', context, instances: { Payment: payment } },
      (wf) => (wf.is('Processing') ? wf.transitionTo('Shipped') : undefined),
    );
    await expect(escaped).rejects.toBeInstanceOf(HandlerError);
    expect(seen).toEqual(['hook sees shipped', 'hook wrote']);
    // The state writes (Order, Payment) synchronously; the hook's through the handle's promise
    // method, which runs the same synchronous operation.
    expect(syncUpdate.mock.calls.map(([model]) => model)).toEqual(['Order', 'Payment', 'Order']);
    expect(asyncUpdate.mock.calls.map(([model]) => model)).toEqual(['Order']);
    expect(dumpTables(file)).toEqual(before);

    // Caught inside the workflow: only the transition's savepoint is undone, the run commits.
    const outcome = await machine.load(
      { adapter, id: 'O1', context, instances: { Payment: payment } },
      async (wf) => {
        const error = wf.is('Processing')
          ? await wf.transitionTo('Shipped').catch((e: unknown) => e)
          : undefined;
        return { error, state: wf.historySummary().state };
      },
    );
    expect(outcome.error).toBeInstanceOf(HandlerError);
    expect(outcome.state).toBe('Processing');
    expect(dumpTables(file)).toEqual(before);
    expect(await adapter.readTransitions!('Order', 'O1')).toHaveLength(2);
  });
});
