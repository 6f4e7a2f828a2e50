import { describe, expect, it } from 'vitest';
import { HandlerError, StateMachineError, TransitionRejectedError } from 'state-machine-framework';
import { orderSetup } from './support/harness.js';

type Setup = ReturnType<typeof orderSetup>;
const boom = () => {
  throw new Error('boom');
};

type ErrorClass = new (...a: never[]) => StateMachineError;
const handlerFailure = /^Order: \w+ handler 'boom' failed on Pending → Processing: boom$/;
const rejection = /^Order: transition Pending → Processing rejected by boom: boom$/;
const phases: [string, (s: Setup) => void, ErrorClass, RegExp][] = [
  [
    'preTransition',
    (s) => s.machine.preTransition('Processing', boom),
    HandlerError,
    handlerFailure,
  ],
  ['validator', (s) => s.machine.validator('Processing', boom), TransitionRejectedError, rejection],
  ['transition', (s) => s.machine.transition('Processing', boom), HandlerError, handlerFailure],
  ['hook', (s) => s.machine.hook('Processing', boom), HandlerError, handlerFailure],
];

describe('a throw in one phase rolls back that transition and nothing else', () => {
  it.each(phases)('%s', async (phase, install, errorClass, message) => {
    const setup = orderSetup();
    const { machine, adapter, context } = setup;
    install(setup);
    // The hook runs after the write, so the Payment row and Order update exist when it throws.
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
        history: wf.history.length,
        order: wf.instances.Order,
      };
    });

    expect(outcome.failure).toBeInstanceOf(errorClass);
    expect(outcome.failure).toMatchObject({ from: 'Pending', to: 'Processing' });
    expect((outcome.failure as Error).message).toMatch(message);
    expect((outcome.failure as Partial<HandlerError>).stage).toBe(
      errorClass === HandlerError ? phase : undefined,
    );
    expect(outcome.state).toBe('Pending');
    expect(outcome.history).toBe(1);
    expect(outcome.order).toMatchObject({ orderId: 'O1', status: 'pending' });
    const tables = adapter.snapshot();
    expect(tables.Order).toEqual([{ orderId: 'O1', amount: 5, status: 'pending' }]);
    expect(tables.Payment ?? []).toEqual([]);
    expect(tables.smf_transitions).toEqual([
      expect.objectContaining({ from: null, to: 'Pending', seq: 1 }),
    ]);
    expect(afterCommits).toEqual(['Pending']);
  });

  it('rolls back the whole run when the callback throws, and runs no afterCommit', async () => {
    const { machine, adapter, context } = orderSetup();
    const afterCommits: string[] = [];
    machine.afterCommit('Pending', () => void afterCommits.push('Pending'));
    const error = await machine
      .run({ adapter, context }, async (wf) => {
        await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
        throw new Error('caller changed its mind');
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('caller changed its mind');
    expect(adapter.snapshot()).toEqual({ Order: [], smf_transitions: [] });
    expect(afterCommits).toEqual([]);
  });

  it('undoes context changes made by a failed transition', async () => {
    const { machine, adapter, context } = orderSetup();
    machine.preTransition('Processing', (_data, ctx) => {
      ctx.note = 'set by a transition that fails';
    });
    machine.validator('Processing', boom);
    const note = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      await pending.transitionTo('Processing').catch(() => undefined);
      return wf.context.note;
    });
    expect(note).toBeUndefined();
  });
});

describe('afterCommit', () => {
  it('runs once the outermost transaction commits, with the instances of its transition', async () => {
    const { machine, adapter, context } = orderSetup();
    const seen: unknown[] = [];
    machine.afterCommit('Processing', async (instances, _ctx, meta) => {
      // Outside the transaction: the committed row is visible through the outer adapter.
      const row = await meta.adapter.get('Order', { orderId: 'O1' });
      seen.push([instances.Order.status, instances.Payment.state, row.status]);
    });
    await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const processing = await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', amount: 5 },
      });
      await processing.transitionTo('Cancelled');
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([['processing', 'authorized', 'cancelled']]);
  });

  it('never undoes the commit when it fails, and reports the failure', async () => {
    const { machine, adapter, context } = orderSetup();
    const reported: HandlerError[] = [];
    machine.afterCommit('Pending', function sendMail() {
      throw new Error('smtp down');
    });
    machine.afterCommit('Pending', function second() {
      reported.push(new HandlerError('x', 'afterCommit', 'marker', null, 'Pending', null));
    });
    await machine.run({ adapter, context, onAfterCommitError: (e) => reported.unshift(e) }, (wf) =>
      wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } }),
    );
    expect(reported.map((e) => e.handler)).toEqual(['sendMail', 'marker']);
    expect(reported[0]?.message).toBe(
      "Order: afterCommit handler 'sendMail' failed on (new) → Pending: smtp down",
    );
    expect(adapter.snapshot().Order).toEqual([{ orderId: 'O1', amount: 5, status: 'pending' }]);
  });
});
