import { describe, expect, it } from 'vitest';
import {
  ConcurrentTransitionError,
  HandlerError,
  StateMachineError,
  TransitionError,
  TransitionRejectedError,
} from 'state-machine-framework';
import type { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import type { Payment } from './support/order-models.js';
import { OrderMachine, type OrderWorkflow } from './support/order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

const context = { customerId: 'C1' };

/** A loaded workflow is handed the rows of its other models; Shipped also writes the Payment. */
async function paymentOf(adapter: SqliteAdapter, orderId: string) {
  return { Payment: (await adapter.get('Payment', { orderId })) as unknown as Payment };
}

/** Commits one order, O1, in Processing (with its authorized payment), through the machine. */
async function seedProcessing(
  adapter: SqliteAdapter,
  machine = freshMachine(OrderMachine),
): Promise<void> {
  await machine.run({ adapter, context }, async (wf) => {
    const pending = await wf.transitionTo('Pending', {
      Order: { orderId: 'O1', amount: 25, express: true },
    });
    await pending.transitionTo('Processing', {
      Payment: { paymentId: 'P1', orderId: 'O1', amount: 25 },
    });
  });
}

describe('workflows through the runtime on a SQLite file', () => {
  it('runs a multi-step workflow, then continues it with load; rows and the log are on disk', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    const machine = freshMachine(OrderMachine);
    machine.hook('Shipped', function notifyCustomer(instances) {
      return { emailed: instances.Order.customerEmail };
    });

    const summary = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', {
        Order: { orderId: 'O1', amount: 25, express: true, customerEmail: 'c1@example.com' },
      });
      expect(pending.instances.Order).toEqual({
        orderId: 'O1',
        status: 'pending',
        amount: 25,
        customerEmail: 'c1@example.com',
        express: true,
      });
      const processing = await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', orderId: 'O1', amount: 25 },
      });
      await processing.transitionTo('Shipped');
      return wf.historySummary();
    });
    expect(summary.path).toEqual(['Pending', 'Processing', 'Shipped']);

    await machine.load({ adapter, id: 'O1', context }, async (wf) => {
      expect(wf.state).toBe('Shipped');
      if (wf.is('Shipped')) {
        await wf.transitionTo('Delivered', {}, { metadata: { by: 'courier', signed: true } });
      }
    });

    const tables = dumpTables(file);
    expect(tables['orders']).toEqual([
      {
        orderId: 'O1',
        status: 'delivered',
        amount: 25,
        customerEmail: 'c1@example.com',
        express: 1,
      },
    ]);
    expect(tables['payments']).toEqual([
      { paymentId: 'P1', orderId: 'O1', state: 'captured', amount: 25 },
    ]);
    // The entity's steps are numbered across both workflows: load continues where run stopped.
    const log = await adapter.readTransitions!('Order', 'O1');
    expect(log.map((e) => [e.seq, e.from, e.to])).toEqual([
      [1, null, 'Pending'],
      [2, 'Pending', 'Processing'],
      [3, 'Processing', 'Shipped'],
      [4, 'Shipped', 'Delivered'],
    ]);
    expect(log[2]?.results).toEqual({ notifyCustomer: { emailed: 'c1@example.com' } });
    expect(log[2]?.metadata).toEqual({});
    expect(log[3]?.results).toEqual({});
    expect(log[3]?.metadata).toEqual({ by: 'courier', signed: true });
    expect(log[0]?.at).toBeInstanceOf(Date);
    expect(await adapter.readTransitionLog()).toEqual(log);
    expect(await machine.history({ adapter, id: 'O1' })).toEqual(
      log.map(({ seq, from, to, at, results, metadata }) => ({
        seq,
        from,
        to,
        at,
        results,
        metadata,
      })),
    );
  });

  it.each([
    [
      'a validator rejects',
      (m: typeof OrderMachine) =>
        m.validator('Shipped', function stockCheck() {
          throw new Error('out of stock');
        }),
      TransitionRejectedError,
    ],
    [
      'a hook throws after the writes',
      (m: typeof OrderMachine) =>
        m.hook('Shipped', function label() {
          throw new Error('printer jam');
        }),
      HandlerError,
    ],
  ])(
    'when %s, the file is exactly as before: rolled-back run and caught-and-committed run',
    async (_, install, errorClass) => {
      const { file, adapter } = orderDatabase({ transitionLog: true });
      const machine = freshMachine(OrderMachine);
      await seedProcessing(adapter, machine);
      install(machine);
      const before = dumpTables(file);

      // The error escapes the workflow: the whole run rolls back.
      const instances = await paymentOf(adapter, 'O1');
      const escaped = machine.load({ adapter, id: 'O1', context, instances }, async (wf) => {
        if (wf.is('Processing')) await wf.transitionTo('Shipped');
      });
      await expect(escaped).rejects.toBeInstanceOf(errorClass);
      expect(dumpTables(file)).toEqual(before);

      // The workflow catches it and commits: the transition's savepoint alone was rolled back.
      const outcome = await machine.load({ adapter, id: 'O1', context, instances }, async (wf) => {
        const error = wf.is('Processing')
          ? await wf.transitionTo('Shipped').catch((e: unknown) => e)
          : undefined;
        return { error, state: wf.historySummary().state, order: wf.instances.Order };
      });
      expect(outcome.error).toBeInstanceOf(errorClass);
      expect(outcome.state).toBe('Processing');
      expect(outcome.order).toMatchObject({ status: 'processing' });
      expect(dumpTables(file)).toEqual(before);
    },
  );

  it('a workflow that throws after several transitions leaves no row behind', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    const before = dumpTables(file);
    const run = freshMachine(OrderMachine).run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', orderId: 'O1', amount: 5 },
      });
      throw new Error('caller changed its mind');
    });
    await expect(run).rejects.toThrow('caller changed its mind');
    expect(dumpTables(file)).toEqual(before);
  });

  it('two connections transition the same row concurrently: one wins, the other gets a StateMachineError', async () => {
    const { file, adapter: first } = orderDatabase({ transitionLog: true });
    const second = openAdapter(file, { transitionLog: true });
    const machine = freshMachine(OrderMachine);
    await seedProcessing(first, machine);

    const ship = async (adapter: SqliteAdapter) =>
      machine.load(
        { adapter, id: 'O1', context, instances: await paymentOf(adapter, 'O1') },
        async (wf) => {
          await new Promise((resolve) => setTimeout(resolve, 5)); // hold the transaction open
          // Written as if this workflow had seen Processing, as a caller racing another would.
          await (wf as OrderWorkflow<'Processing'>).transitionTo('Shipped');
        },
      );
    const outcomes = await Promise.allSettled([ship(first), ship(second)]);

    const failures = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o as PromiseRejectedResult).reason);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(StateMachineError);
    expect(
      failures[0] instanceof TransitionError || failures[0] instanceof ConcurrentTransitionError,
    ).toBe(true);
    expect(dumpTables(file)['payments']).toEqual([
      { paymentId: 'P1', orderId: 'O1', state: 'captured', amount: 25 },
    ]);
    const shipped = (await first.readTransitionLog()).filter((e) => e.to === 'Shipped');
    expect(shipped).toHaveLength(1);
    expect((await second.readTransitions!('Order', 'O1')).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('a row changed by another connection since it was read fails the compare-and-set', async () => {
    const { file, adapter } = orderDatabase();
    const other = openAdapter(file);
    const machine = freshMachine(OrderMachine);
    await machine.run({ adapter, context }, (wf) =>
      wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } }),
    );
    await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O2', amount: 5 } });
      await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P2', orderId: 'O2', amount: 5 },
      });
    });
    const stale = await adapter.get('Payment', { paymentId: 'P2' });
    await other.update('Payment', { paymentId: 'P2' }, { amount: 6 });

    // A row passed in from outside is re-read before it is written: the stale copy never wins.
    const load = machine.load(
      { adapter, id: 'O2', context, instances: { Payment: stale as never } },
      async (wf) => {
        if (wf.is('Processing')) await wf.transitionTo('Shipped');
      },
    );
    await expect(load).rejects.toBeInstanceOf(ConcurrentTransitionError);
    expect(dumpTables(file)['payments']).toMatchObject([
      { paymentId: 'P2', state: 'authorized', amount: 6 },
    ]);
  });
});
