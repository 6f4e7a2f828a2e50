// Durable timers at run time on every adapter (issue 11): entering a state with `after` schedules
// its timers in the transition's transaction, leaving it cancels them, and Machine.runDueTimers
// fires them through the normal transition. Every clock is passed in (`now`), and each timer's
// due time is read back from the adapter, so nothing here depends on when the test runs.
import { expect, it } from 'vitest';
import {
  TransitionRejectedError,
  type ORMAdapter,
  type StoredTimer,
  type TimerFiring,
  type TimerOperations,
} from 'state-machine-framework';
import { freshMachine } from '../support/fresh-machine.js';
import { describeEachDatabase } from './registry.js';
import { TimedMachine } from './timers/timed-job.machine.gen.js';

const HOUR = 3_600_000;
const timersOf = (adapter: ORMAdapter) => adapter as ORMAdapter & TimerOperations;
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** A fresh Timed machine and job `id` moved into Waiting (Open → Waiting), committed. */
async function waitingJob(adapter: ORMAdapter, id = 'J1') {
  const timed = freshMachine(TimedMachine);
  await timed.run({ adapter }, async (wf) => {
    const open = await wf.transitionTo('Open', { Job: { jobId: id } });
    await open.transitionTo('Waiting');
  });
  return timed;
}

/** The entity's stored timers, by target. */
async function timersByTarget(adapter: ORMAdapter, id = 'J1') {
  const rows = await timersOf(adapter).readTimers('Timed', id);
  return Object.fromEntries(rows.map((row) => [row.target, row])) as Record<string, StoredTimer>;
}

const statusOf = async (adapter: ORMAdapter, id = 'J1') =>
  (await adapter.get('Job', { jobId: id }))['status'];

describeEachDatabase('durable timers at run time on %s', (_name, open) => {
  it('entering a state schedules its timers for that entry, due after their durations', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const timers = await timersByTarget(adapter);
    expect(Object.keys(timers).toSorted()).toEqual(['Expired', 'Reminded']);
    const { Reminded: reminded, Expired: expired } = timers as Record<string, StoredTimer>;
    expect(reminded).toMatchObject({ state: 'Waiting', entrySeq: 2, attempts: 0 });
    expect(reminded!.dueAt.getTime() - reminded!.createdAt.getTime()).toBe(HOUR);
    expect(expired!.dueAt.getTime() - expired!.createdAt.getTime()).toBe(2 * HOUR);
    // Open has no timers: nothing was scheduled for it.
    const history = await timed.history({ adapter, id: 'J1' });
    expect(history.map((step) => [step.seq, step.to])).toEqual([
      [1, 'Open'],
      [2, 'Waiting'],
    ]);
  });

  it('fires a timer once it is due and not before, once', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const due = (await timersByTarget(adapter))['Reminded']!.dueAt;

    const early = await timed.runDueTimers({ adapter, now: later(due, -1) });
    expect(early).toEqual({ fired: [], failed: [], dropped: [] });
    expect(await statusOf(adapter)).toBe('waiting');

    const result = await timed.runDueTimers({ adapter, now: due });
    expect(result).toEqual({
      fired: [{ entityId: 'J1', from: 'Waiting', to: 'Reminded', dueAt: due }],
      failed: [],
      dropped: [],
    });
    expect(await statusOf(adapter)).toBe('reminded');
    // Leaving Waiting took its Expired timer; Reminded's own is counted from the firing's now.
    const after = await timersByTarget(adapter);
    expect(Object.keys(after)).toEqual(['Expired']);
    expect(after['Expired']).toMatchObject({
      state: 'Reminded',
      entrySeq: 3,
      dueAt: later(due, HOUR),
    });

    const again = await timed.runDueTimers({ adapter, now: later(due, HOUR - 1) });
    expect(again.fired).toEqual([]);
    const steps = await timed.history({ adapter, id: 'J1' });
    expect(steps.map((step) => step.to)).toEqual(['Open', 'Waiting', 'Reminded']);
    expect(steps[2]!.metadata).toEqual({
      timer: { after: HOUR, dueAt: due.toISOString(), attempt: 1 },
    });
  });

  it('leaving the state cancels its timers in the same transaction', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const due = (await timersByTarget(adapter))['Expired']!.dueAt;
    await timed.load({ adapter, id: 'J1' }, async (wf) => {
      if (!wf.is('Waiting')) throw new Error(`expected Waiting, got ${wf.state}`);
      await wf.transitionTo('Closed');
    });
    expect(await timersOf(adapter).readTimers('Timed', 'J1')).toEqual([]);
    const result = await timed.runDueTimers({ adapter, now: later(due, 10 * HOUR) });
    expect(result).toEqual({ fired: [], failed: [], dropped: [] });
    expect(await statusOf(adapter)).toBe('closed');
  });

  it('a transition that rolls back schedules and cancels nothing', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const before = await timersOf(adapter).readTimers('Timed', 'J1');
    await expect(
      timed.load({ adapter, id: 'J1' }, async (wf) => {
        if (!wf.is('Waiting')) throw new Error(`expected Waiting, got ${wf.state}`);
        await wf.transitionTo('Open');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await timersOf(adapter).readTimers('Timed', 'J1')).toEqual(before);
  });

  it('re-entering the state starts new timers and the old entry’s never fire', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const first = await timersByTarget(adapter);
    await timed.load({ adapter, id: 'J1' }, async (wf) => {
      if (!wf.is('Waiting')) throw new Error(`expected Waiting, got ${wf.state}`);
      const back = await wf.transitionTo('Open');
      await back.transitionTo('Waiting');
    });
    const second = await timersByTarget(adapter);
    expect(second['Reminded']!.entrySeq).toBe(4);
    expect(second['Reminded']!.dueAt.getTime()).toBeGreaterThanOrEqual(
      first['Reminded']!.dueAt.getTime(),
    );
    // Due for the old entry only: nothing fires.
    const old = await timed.runDueTimers({ adapter, now: later(second['Reminded']!.dueAt, -1) });
    expect(old.fired).toEqual([]);
    const result = await timed.runDueTimers({ adapter, now: second['Reminded']!.dueAt });
    expect(result.fired).toEqual([
      { entityId: 'J1', from: 'Waiting', to: 'Reminded', dueAt: second['Reminded']!.dueAt },
    ]);
    const steps = await timed.history({ adapter, id: 'J1' });
    expect(steps.filter((step) => step.to === 'Reminded')).toHaveLength(1);
  });

  it('a self-loop leaves and re-enters: the timers are those of the new entry', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    await timed.load({ adapter, id: 'J1' }, async (wf) => {
      if (!wf.is('Waiting')) throw new Error(`expected Waiting, got ${wf.state}`);
      await wf.transitionTo('Waiting');
    });
    const rows = await timersOf(adapter).readTimers('Timed', 'J1');
    expect(rows.map((row) => [row.entrySeq, row.target])).toEqual([
      [3, 'Expired'],
      [3, 'Reminded'],
    ]);
  });

  it('a validator rejecting the timer’s transition leaves it due, with its error and attempts', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const due = (await timersByTarget(adapter))['Reminded']!.dueAt;
    const unregister = timed.validator('Reminded', function notYet() {
      throw new Error('not yet');
    });

    const first = await timed.runDueTimers({ adapter, now: due });
    expect(first.fired).toEqual([]);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0]).toMatchObject({
      entityId: 'J1',
      from: 'Waiting',
      to: 'Reminded',
      attempts: 1,
      nextAttemptAt: later(due, 1000),
    });
    expect(first.failed[0]!.error).toBeInstanceOf(TransitionRejectedError);
    expect(await statusOf(adapter)).toBe('waiting');
    const failed = (await timersByTarget(adapter))['Reminded']!;
    expect(failed).toMatchObject({
      attempts: 1,
      nextAttemptAt: later(due, 1000),
      claimedUntil: null,
    });
    expect(failed.lastError).toContain('not yet');
    // The Expired timer was not touched: the rolled-back transition cancelled nothing.
    expect((await timersByTarget(adapter))['Expired']).toBeDefined();

    expect((await timed.runDueTimers({ adapter, now: later(due, 999) })).failed).toEqual([]);
    const second = await timed.runDueTimers({ adapter, now: later(due, 1000) });
    expect(second.failed.map((f) => [f.attempts, f.nextAttemptAt])).toEqual([
      [2, later(due, 3000)],
    ]);

    unregister();
    const third = await timed.runDueTimers({ adapter, now: later(due, 3000) });
    expect(third.fired.map((f) => f.to)).toEqual(['Reminded']);
    expect(await statusOf(adapter)).toBe('reminded');
  });

  it('handlers see meta.timer in a fired transition, and afterCommit runs once it commits', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const due = (await timersByTarget(adapter))['Reminded']!.dueAt;
    const seen: [string, TimerFiring | undefined][] = [];
    timed.state('Reminded', {
      preTransition: [(_data, _context, meta) => void seen.push(['preTransition', meta.timer])],
      validators: [(_data, _context, meta) => void seen.push(['validator', meta.timer])],
      hooks: [(_instances, _context, meta) => void seen.push(['hook', meta.timer])],
      afterCommit: [(_instances, _context, meta) => void seen.push(['afterCommit', meta.timer])],
    });
    const now = later(due, 5);
    await timed.runDueTimers({ adapter, now });
    const expected: TimerFiring = {
      state: 'Waiting',
      to: 'Reminded',
      afterMs: HOUR,
      dueAt: due,
      entrySeq: 2,
      attempt: 1,
      firedAt: now,
    };
    expect(seen).toEqual([
      ['preTransition', expected],
      ['validator', expected],
      ['hook', expected],
      ['afterCommit', expected],
    ]);

    // An ordinary transition into the same state has no meta.timer.
    seen.length = 0;
    await timed.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J2' } });
      const waiting = await opened.transitionTo('Waiting');
      await waiting.transitionTo('Reminded');
    });
    expect(seen.map(([, timer]) => timer)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a timer whose transition throws in a hook rolls back; afterCommit does not run', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter);
    const due = (await timersByTarget(adapter))['Reminded']!.dueAt;
    let committed = 0;
    timed.afterCommit('Reminded', () => void (committed += 1));
    const unregister = timed.hook('Reminded', function broken() {
      throw new Error('mail server down');
    });
    const result = await timed.runDueTimers({ adapter, now: due });
    expect(result.failed.map((f) => (f.error as Error).message)).toEqual([
      expect.stringContaining('mail server down'),
    ]);
    expect(committed).toBe(0);
    expect(await statusOf(adapter)).toBe('waiting');
    unregister();
    await timed.runDueTimers({ adapter, now: later(due, 1000) });
    expect(committed).toBe(1);
  });

  it('claims at most limit timers per call, earliest first', async () => {
    const { adapter } = await open();
    const timed = await waitingJob(adapter, 'J1');
    await waitingJob(adapter, 'J2');
    await waitingJob(adapter, 'J3');
    const due = (await timersByTarget(adapter, 'J3'))['Expired']!.dueAt;
    const first = await timed.runDueTimers({ adapter, now: later(due, 1), limit: 2 });
    expect(first.fired.map((f) => [f.entityId, f.to])).toEqual([
      ['J1', 'Reminded'],
      ['J2', 'Reminded'],
    ]);
    const rest = await timed.runDueTimers({ adapter, now: later(due, 1) });
    expect(rest.fired.map((f) => [f.entityId, f.to])).toEqual([['J3', 'Reminded']]);
  });
});
