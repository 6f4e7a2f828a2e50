import { describe, expect, it } from 'vitest';
import {
  ConcurrentTransitionError,
  MemoryAdapter,
  StateMachineError,
} from 'state-machine-framework';
import { orderSetup, seedProcessingOrder } from './support/harness.js';

describe('two workflows racing on one row', () => {
  it('loaded concurrently: exactly one wins, the other gets a StateMachineError', async () => {
    const setup = orderSetup();
    await seedProcessingOrder(setup);
    const { machine, adapter } = setup;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const payment = (await adapter.get('Payment', { paymentId: 'PAY-ORD-1' })) as never;
    const attempt = (target: 'Shipped' | 'Cancelled') =>
      machine.load(
        { adapter, id: 'ORD-1', context: setup.context, instances: { Payment: payment } },
        async (wf) => {
          await gate;
          if (!wf.is('Processing')) return wf.transitionTo(target as never);
          return wf.transitionTo(target);
        },
      );
    const results = await Promise.allSettled([
      attempt('Shipped'),
      attempt('Cancelled'),
      (async () => release())(),
    ]);
    const [first, second] = results;
    expect(first?.status).toBe('fulfilled');
    expect(second?.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(StateMachineError);
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'ORD-1', status: 'shipped', amount: 10 }]);
    expect(adapter.snapshot().Payment).toEqual([
      { paymentId: 'PAY-ORD-1', amount: 10, state: 'captured' },
    ]);
  });

  it('a stale row passed in from outside never wins: it is re-read and the change is named', async () => {
    const setup = orderSetup();
    await seedProcessingOrder(setup);
    const { machine, adapter, context } = setup;
    const stale = (await adapter.get('Payment', { paymentId: 'PAY-ORD-1' })) as never;
    // Someone else changes the payment after we read it, without changing its state.
    await adapter.update('Payment', { paymentId: 'PAY-ORD-1' }, { amount: 12 });
    const error = await machine
      .load({ adapter, id: 'ORD-1', context, instances: { Payment: stale } }, async (wf) => {
        if (wf.is('Processing')) await wf.transitionTo('Shipped');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentTransitionError);
    expect((error as ConcurrentTransitionError).fields).toEqual(['amount']);
    expect((error as Error).message).toBe(
      'Order: Payment "PAY-ORD-1" was changed concurrently (Processing → Shipped): the row passed in is stale (amount: passed 10, stored 12); read it again and retry',
    );
    expect(adapter.snapshot().Order).toEqual([
      { orderId: 'ORD-1', status: 'processing', amount: 10 },
    ]);
  });

  it('MemoryAdapter serialises transactions: neither sees the other’s uncommitted writes', async () => {
    const adapter = new MemoryAdapter({ Counter: [{ id: 1, value: 0 }] });
    const increment = () =>
      adapter.transaction(async (tx) => {
        const row = await tx.get('Counter', { id: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1));
        await tx.update('Counter', { id: 1 }, { value: (row.value as number) + 1 });
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(adapter.snapshot().Counter).toEqual([{ id: 1, value: 20 }]);
  });
});
