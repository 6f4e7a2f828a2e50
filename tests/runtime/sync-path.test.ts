import { describe, expect, it } from 'vitest';
import { HandlerError, StateMachineError, TransitionRejectedError } from 'state-machine-framework';
import { orderSetup } from './support/harness.js';

// On a MemoryAdapter a transition runs synchronously until a handler returns a thenable; from
// there it goes on asynchronously. These tests put that switch in every phase and check that the
// outcome, and the rollback after a failure, are those of a transition that never switched.

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the synchronous path on a MemoryAdapter', () => {
  it('has finished the transition when transitionTo returns', async () => {
    const { machine, adapter, context } = orderSetup();
    await machine.run({ adapter, context }, async (wf) => {
      const pending = wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      expect(wf.historySummary().state).toBe('Pending');
      expect(wf.instances.Order).toMatchObject({ orderId: 'O1', status: 'pending' });
      await pending;
    });
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'pending' }]);
  });

  it('still refuses a second transition until the first one’s promise has settled', async () => {
    const { machine, adapter, context } = orderSetup();
    await machine.run({ adapter, context }, async (wf) => {
      const first = wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const second = (wf as never as { transitionTo(to: string): Promise<unknown> })
        .transitionTo('Processing')
        .catch((e: unknown) => e);
      expect(await second).toBeInstanceOf(StateMachineError);
      expect((await second) as Error).toHaveProperty(
        'message',
        expect.stringMatching(/already running/),
      );
      const pending = await first;
      await pending.transitionTo('Processing', { Payment: { paymentId: 'P1', amount: 5 } });
    });
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'processing' }]);
  });
});

describe('a handler that returns a promise switches the transition to the async path', () => {
  it('validators: every one runs in order and every reason is collected', async () => {
    const { machine, adapter, context } = orderSetup();
    const ran: string[] = [];
    machine.validator('Processing', function syncNo() {
      ran.push('syncNo');
      throw new Error('sync no');
    });
    machine.validator('Processing', async function asyncNo() {
      await tick();
      ran.push('asyncNo');
      throw new Error('async no');
    });
    machine.validator('Processing', async function asyncYes() {
      await tick();
      ran.push('asyncYes');
      return 'fine';
    });
    machine.validator('Processing', function syncNoAgain() {
      ran.push('syncNoAgain');
      throw new Error('sync no again');
    });

    const failure = await machine
      .run({ adapter, context }, async (wf) => {
        const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
        await pending.transitionTo('Processing', { Payment: { paymentId: 'P1', amount: 5 } });
      })
      .catch((e: unknown) => e);

    expect(ran).toEqual(['syncNo', 'asyncNo', 'asyncYes', 'syncNoAgain']);
    expect(failure).toBeInstanceOf(TransitionRejectedError);
    const reasons = (failure as TransitionRejectedError).reasons;
    expect(reasons.map((r) => [r.handler, r.message])).toEqual([
      ['syncNo', 'sync no'],
      ['asyncNo', 'async no'],
      ['syncNoAgain', 'sync no again'],
    ]);
  });

  it('a throw after the switch rolls back exactly that transition, memory included', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.preTransition('Processing', async (data, ctx) => {
      await tick();
      ctx.note = 'changed by the pre-transition handler';
      (data.Payment as { amount: number }).amount = 6;
    });
    machine.hook('Processing', function failingHook() {
      throw new Error('hook failed');
    });
    const afterCommits: string[] = [];
    machine.afterCommit('Pending', () => void afterCommits.push('Pending'));
    machine.afterCommit('Processing', () => void afterCommits.push('Processing'));

    const outcome = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const failure = await pending
        .transitionTo('Processing', { Payment: { paymentId: 'P1', amount: 5 } })
        .catch((e: unknown) => e);
      return {
        failure,
        state: wf.historySummary().state,
        note: wf.context.note,
        history: wf.history.length,
        instances: { ...wf.instances },
      };
    });

    expect(outcome.failure).toBeInstanceOf(HandlerError);
    expect(outcome.failure).toMatchObject({
      stage: 'hook',
      handler: 'failingHook',
      from: 'Pending',
      to: 'Processing',
    });
    expect(outcome.state).toBe('Pending');
    expect(outcome.note).toBeUndefined();
    expect(outcome.history).toBe(1);
    expect(outcome.instances.Payment).toBeUndefined();
    expect(outcome.instances.Order).toMatchObject({ status: 'pending' });
    const tables = adapter.snapshot();
    expect(tables.Order).toEqual([{ orderId: 'O1', amount: 5, status: 'pending' }]);
    expect(tables.Payment ?? []).toEqual([]);
    expect(tables.smf_transitions).toHaveLength(1);
    expect(afterCommits).toEqual(['Pending']);
  });

  it('hooks: writes before and after the switch are undone when a later hook rejects', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.hook(
      'Processing',
      async function noteIt(instances, _ctx, meta) {
        await meta.adapter.update('Order', { orderId: instances.Order.orderId }, { note: 'hi' });
        return 'noted';
      },
      { order: 1 },
    );
    machine.hook(
      'Processing',
      async function rejectIt() {
        await tick();
        throw new Error('rejected');
      },
      { order: 2 },
    );

    const failure = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      return pending
        .transitionTo('Processing', { Payment: { paymentId: 'P1', amount: 5 } })
        .catch((e: unknown) => e);
    });

    expect(failure).toBeInstanceOf(HandlerError);
    expect(failure).toMatchObject({ stage: 'hook', handler: 'rejectIt', from: 'Pending' });
    expect((failure as HandlerError).cause).toEqual(new Error('rejected'));
    const tables = adapter.snapshot();
    expect(tables.Order).toEqual([{ orderId: 'O1', amount: 5, status: 'pending' }]);
    expect(tables.Payment ?? []).toEqual([]);
    expect(tables.smf_transitions).toHaveLength(1);
  });

  it('a mixed transition that succeeds records every result, the log entry and afterCommit', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.validator('Processing', async function asyncCheck() {
      await tick();
      return 'checked';
    });
    machine.hook('Processing', function syncHook() {
      return 'sync';
    });
    machine.hook('Processing', async function asyncHook() {
      await tick();
      return 'async';
    });
    const committed: string[] = [];
    machine.afterCommit('Processing', (instances) => void committed.push(instances.Order.status));

    const results = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const processing = await pending.transitionTo(
        'Processing',
        { Payment: { paymentId: 'P1', amount: 5 } },
        { metadata: { by: 'clerk' } },
      );
      expect(committed).toEqual([]);
      expect(processing.history[1]?.metadata).toEqual({ by: 'clerk' });
      return processing.history[1]?.results;
    });

    expect(results).toEqual({ asyncCheck: 'checked', syncHook: 'sync', asyncHook: 'async' });
    expect(committed).toEqual(['processing']);
    expect(
      adapter.transitionLog.map((e) => [e.seq, e.entityId, e.from, e.to, e.results, e.metadata]),
    ).toEqual([
      [1, 'O1', null, 'Pending', {}, {}],
      [2, 'O1', 'Pending', 'Processing', results, { by: 'clerk' }],
    ]);
  });

  it('custom transitions: a synchronous one and an async one both write through writeState', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.transition('Pending', function writeNow(_instances, _ctx, meta) {
      return meta.writeState();
    });
    machine.transition('Processing', async function writeLater(_instances, _ctx, meta) {
      await tick();
      await meta.writeState();
      return 'written';
    });

    const history = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const processing = await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', amount: 5 },
      });
      return processing.history.map((entry) => entry.results);
    });

    expect(history).toEqual([{ writeNow: undefined }, { writeLater: 'written' }]);
    const tables = adapter.snapshot();
    expect(tables.Order).toEqual([{ orderId: 'O1', amount: 5, status: 'processing' }]);
    expect(tables.Payment).toEqual([{ paymentId: 'P1', amount: 5, state: 'authorized' }]);
  });
});
