import { describe, expect, it } from 'vitest';
import { ContextValidationError, MemoryAdapter, type ORMAdapter } from 'state-machine-framework';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { orderSetup } from './support/harness.js';

/** An adapter that records every call it is asked to make. */
function recording(inner: ORMAdapter, calls: string[]): ORMAdapter {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('context requirements', () => {
  it('reports every problem at once, before any adapter call', async () => {
    const machine = freshMachine(OrderMachine);
    const calls: string[] = [];
    const adapter = recording(new MemoryAdapter(), calls);
    const error = await machine
      .run(
        {
          adapter,
          context: {
            customerId: 42 as unknown as string,
            orderData: { amount: -1, customerEmail: 'not-an-email' },
            typo: true,
          } as never,
        },
        async () => 'never reached',
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextValidationError);
    const issues = (error as ContextValidationError).issues.map((i) => [
      i.key,
      i.path ?? [],
      i.message,
    ]);
    expect(issues).toEqual([
      [
        'typo',
        [],
        'is not a context entry of Order (known: customerId, note, order, payment, orderData)',
      ],
      ['customerId', [], 'expected string, got number'],
      ['orderData', ['amount'], expect.stringContaining('>0')],
      ['orderData', ['customerEmail'], expect.stringContaining('email')],
    ]);
    expect(calls).toEqual([]);
  });

  it('reports missing required values', async () => {
    const machine = freshMachine(OrderMachine);
    const error = await machine
      .run({ adapter: new MemoryAdapter(), context: {} as never }, async () => undefined)
      .catch((e: unknown) => e);
    expect((error as ContextValidationError).issues.map((i) => `${i.key} ${i.message}`)).toEqual([
      'customerId is required',
      'orderData is required',
    ]);
  });

  it('replaces schema input with its output and leaves optional values out', async () => {
    const { machine, adapter } = orderSetup();
    const context = await machine.run(
      {
        adapter,
        context: {
          customerId: 'C1',
          orderData: { amount: 3, customerEmail: 'a@b.co', extra: 1 } as never,
        },
      },
      async (wf) => {
        await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 3 } });
        return { ...wf.context };
      },
    );
    expect(context).toEqual({
      customerId: 'C1',
      orderData: { amount: 3, customerEmail: 'a@b.co' },
      order: { orderId: 'O1', amount: 3, status: 'pending' },
      payment: undefined,
    });
  });

  it('refuses to read an instanceOf entry before its model is created', async () => {
    const { machine, adapter, context } = orderSetup();
    const error = await machine
      .run({ adapter, context }, async (wf) => wf.context.order)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextValidationError);
    expect((error as Error).message).toBe(
      "Order: invalid workflow context: order: Order is not created yet (it is created in 'Pending')",
    );
  });

  it('refuses to commit a fresh workflow whose required instance was never created', async () => {
    const { machine, adapter, context } = orderSetup();
    const error = await machine
      .run({ adapter, context }, async () => 'done')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Order: invalid workflow context: order: Order was never created (it is created in 'Pending')",
    );
  });

  it('refuses the primary row through its instanceOf entry: an existing Order is loaded', async () => {
    const { machine, context } = orderSetup();
    const adapter = new MemoryAdapter({
      Order: [{ orderId: 'O9', status: 'cancelled', amount: 1 }],
    });
    const error = await machine
      .run(
        { adapter, context: { ...context, order: { orderId: 'O9' } } as never },
        async (wf) => void (await wf.transitionTo('Pending', { Order: { amount: 2 } })),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextValidationError);
    expect((error as Error).message).toBe(
      "Order: invalid workflow context: order: is the workflow's own Order row: a workflow on an existing Order is continued with load({ id }), not started with run()",
    );
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O9', status: 'cancelled', amount: 1 }]);
  });
});
