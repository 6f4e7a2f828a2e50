import { describe, expect, it } from 'vitest';
import { orderSetup } from './support/harness.js';

describe('one transition, in order', () => {
  it('runs phases pre → validator → write → hook, each ascending by order, ties in registration order', async () => {
    const { machine, adapter, context } = orderSetup();
    const calls: string[] = [];
    const track = (name: string) => () => void calls.push(name);
    machine.hook('Pending', track('hook:order2'), { order: 2 });
    machine.hook('Pending', track('hook:order1'), { order: 1 });
    machine.validator('Pending', track('validator:b'), { order: 5 });
    machine.validator('Pending', track('validator:a'), { order: -1 });
    machine.validator('Pending', track('validator:c'), { order: 5 });
    machine.preTransition('Pending', track('pre:second'), { order: 10 });
    machine.preTransition('Pending', track('pre:first'));
    machine.afterCommit('Pending', track('afterCommit'));
    machine.hook(
      'Pending',
      async (_instances, _ctx, meta) => {
        const rows = await meta.adapter.filter('Order', {});
        calls.push(`hook sees row in ${String(rows[0]?.status)}`);
      },
      { order: 3 },
    );

    await machine.run({ adapter, context }, async (wf) => {
      await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      calls.push('callback done');
    });
    expect(calls).toEqual([
      'pre:first',
      'pre:second',
      'validator:a',
      'validator:b',
      'validator:c',
      'hook:order1',
      'hook:order2',
      'hook sees row in pending',
      'callback done',
      'afterCommit',
    ]);
  });

  it('lets validators see what pre-transition handlers changed, but not change it', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.preTransition('Pending', function enrich(data) {
      data.Order = { ...data.Order, orderId: 'ORD-GENERATED' };
      return { generated: true };
    });
    let seen: unknown;
    machine.validator('Pending', function readsEnriched(data) {
      seen = data.Order?.orderId;
    });
    machine.validator('Pending', function triesToMutate(data) {
      (data.Order as { amount: number }).amount = 1_000_000;
    });
    const error = await machine
      .run({ adapter, context }, (wf) => wf.transitionTo('Pending', { Order: { amount: 5 } }))
      .catch((e: unknown) => e);
    expect(seen).toBe('ORD-GENERATED');
    expect(error).toMatchObject({
      name: 'TransitionRejectedError',
      reasons: [{ handler: 'triesToMutate', message: 'validators cannot modify transition data' }],
    });
    expect(adapter.snapshot()).toEqual({});
  });

  it('runs every validator and reports all failures together, naming each validator', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.validator('Pending', function positiveAmount(data) {
      if ((data.Order?.amount ?? 0) <= 0) throw new Error('amount must be positive');
    });
    machine.validator('Pending', function passes() {
      return 'fine';
    });
    machine.validator('Pending', function needsEmail(data) {
      if (!data.Order?.customerEmail) throw new Error('email required');
    });
    const error = await machine
      .run({ adapter, context }, (wf) =>
        wf.transitionTo('Pending', { Order: { orderId: 'O', amount: 0 } }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'Order: transition (new) → Pending rejected by positiveAmount: amount must be positive; needsEmail: email required',
    );
  });

  it('records every handler return value in history by handler name', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.preTransition('Pending', function generateId() {
      return { idGenerated: true };
    });
    machine.validator('Pending', () => 'anonymous ok');
    machine.hook(
      'Pending',
      function notify() {
        return { notified: 1 };
      },
      { name: 'sendConfirmation' },
    );
    const history = await machine.run({ adapter, context }, async (wf) => {
      await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
      return wf.history;
    });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      from: null,
      to: 'Pending',
      results: {
        generateId: { idGenerated: true },
        'validator#1': 'anonymous ok',
        sendConfirmation: { notified: 1 },
      },
    });
    expect(history[0]?.at).toBeInstanceOf(Date);
    expect(history[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});
