import { describe, expect, it } from 'vitest';
import {
  HandlerError,
  MemoryAdapter,
  type Filters,
  type ORMAdapter,
  type Row,
  type SyncAdapterOps,
} from 'state-machine-framework';
import { orderSetup, validContext } from './support/harness.js';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';

/** An adapter without the synchronous capability: every call goes through `inner`'s promises. */
class DelegatingAdapter implements ORMAdapter {
  readonly #inner: ORMAdapter;
  readonly calls: string[];

  constructor(inner: ORMAdapter, calls: string[] = []) {
    this.#inner = inner;
    this.calls = calls;
  }
  create(model: string, data: Row): Promise<Row> {
    this.calls.push('create');
    return this.#inner.create(model, data);
  }
  get(model: string, filters: Filters): Promise<Row> {
    this.calls.push('get');
    return this.#inner.get(model, filters);
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    this.calls.push('filter');
    return this.#inner.filter(model, filters);
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    this.calls.push('update');
    return this.#inner.update(model, filters, changes);
  }
  delete(model: string, filters: Filters): Promise<number> {
    this.calls.push('delete');
    return this.#inner.delete(model, filters);
  }
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    this.calls.push('transaction');
    return this.#inner.transaction((tx) => fn(new DelegatingAdapter(tx, this.calls)));
  }
}

/** Forwards everything, as the fault-injection test's wrapper does, counting method calls. */
function countingProxy(inner: ORMAdapter, calls: string[]): ORMAdapter {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        if (key === 'transaction') {
          const fn = args[0] as (tx: ORMAdapter) => Promise<unknown>;
          return target.transaction((tx) => fn(countingProxy(tx, calls)));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function walk(adapter: ORMAdapter, failInShipped = false) {
  const machine = freshMachine(OrderMachine);
  if (failInShipped) {
    machine.hook('Shipped', async function late() {
      await Promise.resolve();
      throw new Error('late');
    });
  }
  return machine.run({ adapter, context: validContext() }, async (wf) => {
    const call = wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
    const stateRightAfterCall = wf.historySummary().state;
    const pending = await call;
    const processing = await pending.transitionTo('Processing', {
      Payment: { paymentId: 'P1', amount: 5 },
    });
    const failure = await processing.transitionTo('Shipped').catch((e: unknown) => e);
    return {
      stateRightAfterCall,
      failure,
      state: wf.historySummary().state,
      history: wf.history.length,
    };
  });
}

describe('adapters without the synchronous capability take the async path', () => {
  it('a delegating adapter: same outcome, every write through its promises', async () => {
    const inner = new MemoryAdapter();
    const adapter = new DelegatingAdapter(inner);
    const outcome = await walk(adapter, true);
    expect(outcome.stateRightAfterCall).toBeNull();
    expect(outcome.failure).toBeInstanceOf(HandlerError);
    expect(outcome).toMatchObject({ state: 'Processing', history: 2 });
    // run, then per transition its savepoint and writes: Pending, Processing, Shipped.
    expect(adapter.calls.join(' ')).toBe(
      'transaction transaction create transaction update create transaction update update',
    );
    expect(inner.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'processing' }]);
    expect(inner.snapshot().Payment).toEqual([{ paymentId: 'P1', amount: 5, state: 'authorized' }]);
  });

  it('a Proxy that forwards `sync` unchanged is not bypassed', async () => {
    const inner = new MemoryAdapter();
    const calls: string[] = [];
    const outcome = await walk(countingProxy(inner, calls), true);
    expect(outcome.stateRightAfterCall).toBeNull();
    expect(outcome).toMatchObject({ state: 'Processing', history: 2 });
    expect(calls.filter((c) => c === 'create' || c === 'update')).toHaveLength(5);
    expect(inner.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'processing' }]);
  });

  it('the MemoryAdapter itself: the same outcome on the synchronous path', async () => {
    const adapter = new MemoryAdapter();
    const outcome = await walk(adapter, true);
    expect(outcome.stateRightAfterCall).toBe('Pending');
    expect(outcome.failure).toBeInstanceOf(HandlerError);
    expect(outcome).toMatchObject({ state: 'Processing', history: 2 });
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'processing' }]);
  });
});

function syncOf(tx: ORMAdapter): SyncAdapterOps {
  const ops = tx.sync;
  if (!ops) throw new Error('expected synchronous operations');
  expect(ops.adapter).toBe(tx);
  return ops;
}

describe('MemoryAdapter transactions offer synchronous operations', () => {
  it('savepointSync undoes a synchronous throw and keeps a plain result', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, n: 0 }] });
    await adapter.transaction(async (tx) => {
      const ops = syncOf(tx);
      expect(() =>
        ops.savepointSync((inner) => {
          syncOf(inner).update('Item', { id: 1 }, { n: 1 });
          syncOf(inner).create('Item', { id: 2, n: 0 });
          throw new Error('undo');
        }),
      ).toThrow('undo');
      expect(ops.filter('Item', {})).toEqual([{ id: 1, n: 0 }]);
      expect(ops.savepointSync((inner) => syncOf(inner).update('Item', { id: 1 }, { n: 2 }))).toBe(
        1,
      );
      expect(ops.get('Item', { id: 1 })).toEqual({ id: 1, n: 2 });
    });
    expect(adapter.snapshot().Item).toEqual([{ id: 1, n: 2 }]);
  });

  it('savepointSync stays open for a returned promise and undoes it all if that rejects', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 1, n: 0 }] });
    await adapter.transaction(async (tx) => {
      const ops = syncOf(tx);
      let inner: ORMAdapter | undefined;
      const outcome = ops.savepointSync(async (savepoint) => {
        inner = savepoint;
        syncOf(savepoint).update('Item', { id: 1 }, { n: 1 });
        await Promise.resolve();
        await savepoint.create('Item', { id: 2, n: 0 });
        throw new Error('late');
      });
      await expect(outcome).rejects.toThrow('late');
      expect(ops.filter('Item', {})).toEqual([{ id: 1, n: 0 }]);
      expect(() => syncOf(inner as ORMAdapter).get('Item', { id: 1 })).toThrow(/already ended/);
      await ops.savepointSync(async (savepoint) => {
        await Promise.resolve();
        syncOf(savepoint).delete('Item', { id: 1 });
      });
    });
    expect(adapter.snapshot().Item).toEqual([]);
  });
});

describe('the transition log on the synchronous path', () => {
  it('is written in the transition and undone with it', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.hook('Shipped', function fail() {
      throw new Error('no');
    });
    await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const processing = await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', amount: 5 },
      });
      await processing.transitionTo('Shipped').catch(() => undefined);
    });
    expect(adapter.transitionLog.map((e) => [e.seq, e.entityId, e.to])).toEqual([
      [1, 'O1', 'Pending'],
      [2, 'O1', 'Processing'],
    ]);
  });
});
