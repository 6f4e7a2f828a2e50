import { describe, expect, it } from 'vitest';
import { StaleHandleError, StateMachineError, TransitionError } from 'state-machine-framework';
import { orderSetup } from './support/harness.js';

describe('checkLegality for untyped callers', () => {
  const cases: [string, string[], string, string][] = [
    [
      'a fresh workflow entering a non-start state',
      [],
      'Processing',
      "Order: cannot transition from a new workflow to 'Processing' (a new workflow must enter a start state); allowed: 'Pending'",
    ],
    [
      'an edge that is not in the table',
      ['Pending'],
      'Shipped',
      "Order: cannot transition from 'Pending' to 'Shipped'; allowed: 'Processing', 'Cancelled'",
    ],
    [
      'leaving a terminal state',
      ['Pending', 'Cancelled'],
      'Processing',
      "Order: cannot transition from 'Cancelled' to 'Processing' ('Cancelled' is terminal); allowed: none",
    ],
    [
      'a name that is no state',
      ['Pending'],
      'Teleported',
      "Order: cannot transition from 'Pending' to 'Teleported' (no such state); allowed: 'Processing', 'Cancelled'",
    ],
  ];

  it.each(cases)(
    '%s is a TransitionError and runs nothing',
    async (_name, path, target, message) => {
      const { machine, adapter, context } = orderSetup();
      const ran: string[] = [];
      for (const state of ['Pending', 'Processing', 'Shipped', 'Cancelled'] as const) {
        machine.preTransition(state, () => void ran.push(`pre ${state}`));
      }
      const error = await machine
        .run({ adapter, context }, async (wf) => {
          let untyped = wf as any;
          for (const [i, step] of path.entries()) {
            const data = i === 0 ? { Order: { orderId: 'O1', amount: 1 } } : undefined;
            untyped = await untyped.transitionTo(step, data);
          }
          ran.length = 0;
          await untyped.transitionTo(target);
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransitionError);
      expect(error).toBeInstanceOf(StateMachineError);
      expect((error as Error).message).toBe(message);
      expect(ran).toEqual([]);
    },
  );

  it('refuses to transition a workflow after its run finished', async () => {
    const { machine, adapter, context } = orderSetup();
    const wf = await machine.run({ adapter, context }, async (w) => {
      return w.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
    });
    await expect((wf as any).transitionTo('Cancelled')).rejects.toThrow(
      'Order: this workflow has finished (its run or load callback returned); start or load a new one',
    );
  });

  it('refuses a handle of a state the workflow has left, and says which handle to use', async () => {
    const { machine, adapter, context } = orderSetup();
    const error = await machine
      .run({ adapter, context }, async (wf) => {
        const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
        await pending.transitionTo('Processing', { Payment: { paymentId: 'P1', amount: 1 } });
        await (pending as any).transitionTo('Cancelled');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleHandleError);
    expect(error).toBeInstanceOf(TransitionError);
    expect((error as Error).message).toBe(
      "Order: this handle is for 'Pending'; the workflow is now in 'Processing' — use the handle returned by transitionTo() to go on to 'Cancelled'",
    );
    expect(adapter.snapshot().Order).toEqual([]);
  });

  it('refuses overlapping transitions on one workflow', async () => {
    const { machine, adapter, context } = orderSetup();
    await machine.run({ adapter, context }, async (wf) => {
      const first = wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
      await expect((wf as any).transitionTo('Pending')).rejects.toThrow(
        'a transition is already running on this workflow',
      );
      await first;
    });
  });
});

describe('canTransitionTo', () => {
  it('dry-runs legality, pre-transition handlers and validators without writing', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.preTransition('Processing', (data) => {
      data.Payment = { paymentId: 'P-generated', amount: 0 };
    });
    machine.validator('Processing', function paymentHasAmount(data) {
      if (!data.Payment?.amount) throw new Error('payment amount missing');
    });
    const checks = await machine.run({ adapter, context }, async (wf) => {
      const fresh = await wf.canTransitionTo('Pending');
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
      return {
        fresh,
        rejected: await pending.canTransitionTo('Processing'),
        illegal: await (pending as any).canTransitionTo('Delivered'),
        ok: await pending.canTransitionTo('Cancelled'),
        state: pending.state,
      };
    });
    expect(checks.fresh).toEqual({ ok: true });
    expect(checks.ok).toEqual({ ok: true });
    expect(checks.state).toBe('Pending');
    expect(checks.rejected).toMatchObject({
      ok: false,
      reasons: [{ handler: 'paymentHasAmount', message: 'payment amount missing' }],
    });
    expect(checks.illegal).toMatchObject({ ok: false, reasons: [{ handler: 'transition table' }] });
    expect(adapter.snapshot().Payment ?? []).toEqual([]);
  });
});
