import { describe, expect, it } from 'vitest';
import {
  ContextValidationError,
  MemoryAdapter,
  ObjectNotFound,
  StateValidityError,
  UsageError,
} from 'state-machine-framework';
import { OrderMachine, ORDER_STATES } from './support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { validContext } from './support/harness.js';

const context = validContext();

describe('load', () => {
  it.each(ORDER_STATES)('reads a row in %s and continues from there', async (state) => {
    const machine = freshMachine(OrderMachine);
    const status = OrderMachine.config.states[state]?.models.Order;
    const adapter = new MemoryAdapter({ Order: [{ orderId: 'O1', status, amount: 1 }] });
    const loaded = await machine.load({ adapter, id: 'O1', context }, async (wf) => ({
      state: wf.state,
      is: wf.is(state),
      order: wf.instances.Order,
      contextOrder: wf.context.order,
    }));
    expect(loaded).toEqual({
      state,
      is: true,
      order: { orderId: 'O1', status, amount: 1 },
      contextOrder: { orderId: 'O1', status, amount: 1 },
    });
  });

  it('narrows with is() and transitions from the loaded state', async () => {
    const machine = freshMachine(OrderMachine);
    const adapter = new MemoryAdapter({ Order: [{ orderId: 'O1', status: 'pending', amount: 1 }] });
    await machine.load({ adapter, id: 'O1', context }, async (wf) => {
      if (wf.is('Pending')) await wf.transitionTo('Cancelled');
      expect(wf.historySummary()).toMatchObject({
        path: ['Pending', 'Cancelled'],
        state: 'Cancelled',
      });
    });
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1', status: 'cancelled', amount: 1 }]);
  });

  it('refuses a stored value that maps to no state', async () => {
    const machine = freshMachine(OrderMachine);
    const adapter = new MemoryAdapter({ Order: [{ orderId: 'O1', status: 'lost', amount: 1 }] });
    const error = await machine
      .load({ adapter, id: 'O1', context }, async () => 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateValidityError);
    expect((error as Error).message).toBe(
      'Order: Order "O1" has state value "lost", which maps to no state (known: "pending", "processing", "shipped", "delivered", "cancelled")',
    );
  });

  it('raises ObjectNotFound for a missing row', async () => {
    const machine = freshMachine(OrderMachine);
    const error = await machine
      .load({ adapter: new MemoryAdapter(), id: 'nope', context }, async () => 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectNotFound);
    expect((error as Error).message).toBe('Order: Order not found: {"orderId":"nope"}');
  });

  it('demands the context values handlers read, as run does, before reading anything', async () => {
    const machine = freshMachine(OrderMachine);
    const adapter = new MemoryAdapter({ Order: [{ orderId: 'O1', status: 'pending', amount: 1 }] });
    const error = await machine
      .load({ adapter, id: 'O1', context: {} as never }, async (wf) => wf.state)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextValidationError);
    expect((error as Error).message).toBe(
      'Order: invalid workflow context: customerId: is required; orderData: is required',
    );
  });

  it('refuses a missing id, and the primary row through instances', async () => {
    const machine = freshMachine(OrderMachine);
    const adapter = new MemoryAdapter({ Order: [{ orderId: 'O1', status: 'pending', amount: 1 }] });
    const noId = await machine
      .load({ adapter, id: null, context }, async () => 'x')
      .catch((e: unknown) => e);
    expect(noId).toBeInstanceOf(UsageError);
    expect((noId as Error).message).toBe(
      "Order.load: options.id must be the Order's orderId, got null",
    );
    const primary = await machine
      .load({ adapter, id: 'O1', context, instances: { Order: {} as never } }, async () => 'x')
      .catch((e: unknown) => e);
    expect((primary as Error).message).toBe(
      'Order.load: instances holds Order, the primary model: load reads it by its id',
    );
  });

  it('asks the adapter to lock what it reads, and refuses a lock mode it does not know', async () => {
    const machine = freshMachine(OrderMachine);
    const memory = new MemoryAdapter({ Order: [{ orderId: 'O1', status: 'pending', amount: 1 }] });
    const seen: unknown[] = [];
    const adapter = {
      ...memory,
      transaction: <R>(fn: (tx: never) => Promise<R>) =>
        memory.transaction((tx) =>
          fn({
            ...tx,
            transaction: tx.transaction.bind(tx),
            get: (model: string, filters: never, options?: unknown) => {
              seen.push(options);
              return tx.get(model, filters);
            },
            update: tx.update.bind(tx),
          } as never),
        ),
    } as unknown as MemoryAdapter;
    await machine.load({ adapter, id: 'O1', context }, () => undefined);
    await machine.load({ adapter, id: 'O1', context, lock: 'nowait' }, () => undefined);
    expect(seen).toEqual([{ lock: 'wait' }, { lock: 'nowait' }]);
    const bogus = await machine
      .load({ adapter: memory, id: 'O1', context, lock: 'share' as never }, () => undefined)
      .catch((e: unknown) => e);
    expect(bogus).toBeInstanceOf(UsageError);
    expect((bogus as Error).message).toBe(
      `Order.load: lock must be 'wait' or 'nowait', got "share"`,
    );
  });

  it('never creates a duplicate of a model it was not given', async () => {
    const machine = freshMachine(OrderMachine);
    const adapter = new MemoryAdapter({
      Order: [{ orderId: 'O1', status: 'processing', amount: 1 }],
      Payment: [{ paymentId: 'P1', state: 'authorized', amount: 1 }],
    });
    const error = await machine
      .load({ adapter, id: 'O1', context }, async (wf) => {
        if (wf.is('Processing')) await wf.transitionTo('Shipped');
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Order: 'Shipped' maps Payment, but this loaded workflow has no Payment instance; pass it to load() in 'instances', or declare linkedBy on Payment so load() reads it",
    );
    const payment = await adapter.get('Payment', { paymentId: 'P1' });
    await machine.load(
      { adapter, id: 'O1', context, instances: { Payment: payment as never } },
      async (wf) => {
        if (wf.is('Processing')) await wf.transitionTo('Shipped');
      },
    );
    expect(adapter.snapshot().Payment).toEqual([{ paymentId: 'P1', state: 'captured', amount: 1 }]);
  });
});
