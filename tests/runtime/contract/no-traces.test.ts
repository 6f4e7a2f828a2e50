// After a failed transition or a dry run (canTransitionTo) the workflow's context, instances, state
// and history and the caller's own objects are exactly as before, whatever the handlers changed
// deep inside them; handlers learn about the dry run from meta.dryRun.
import { expect, it } from 'vitest';
import { HandlerError, type ORMAdapter } from 'state-machine-framework';
import { describeEachDatabase, failureOf } from './support/contract-databases.js';
import type { Counter, Settings } from './support/models.js';
import { CountingMachine } from './support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedBusyJob } from './support/counter-seeds.js';

/** A plain deep copy of what a workflow shows, to compare with later. */
const copyOf = <T extends object>(value: T): T => structuredClone({ ...value });

/**
 * Counting with handlers on Closed that change everything they can reach — the context's nested
 * settings, the transition data, the Counter instance Closed does not map — and write audit rows
 * through meta.adapter; the hook then throws while `state.hookFails`.
 */
function meddlingCounter(state: { attempt: number; hookFails: boolean; dryRuns: string[] }) {
  const counting = freshMachine(CountingMachine);
  counting.preTransition('Closed', async function meddle(data, context, meta) {
    state.dryRuns.push(`preTransition ${meta.dryRun}`);
    if (context.settings) {
      context.settings.limits.max = 99;
      context.settings.tags.push('preTransition');
    }
    data.Counter?.meta?.notes.push('preTransition');
    await meta.adapter.create('AuditEntry', { auditId: `pre-${state.attempt}`, text: 'pre' });
  });
  counting.validator('Closed', (_data, _context, meta) => {
    state.dryRuns.push(`validator ${meta.dryRun}`);
  });
  counting.hook('Closed', async function meddleMore(instances, context, meta) {
    state.dryRuns.push(`hook ${meta.dryRun}`);
    const counter = instances.Counter;
    if (counter) {
      counter.count = 42;
      counter.meta?.notes.push('hook');
    }
    context.settings?.tags.push('hook');
    await meta.adapter.create('AuditEntry', { auditId: `hook-${state.attempt}`, text: 'hook' });
    if (state.hookFails) throw new Error('hook failed after meddling');
  });
  return counting;
}

async function readCounter(adapter: ORMAdapter): Promise<Counter> {
  return (await adapter.get('Counter', { counterId: 'C1' })) as unknown as Counter;
}

describeEachDatabase('traces of a failed transition, on %s', (_name, open) => {
  it('canTransitionTo and a failed transitionTo leave context, instances, state, history and the caller objects as they were', async () => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: false });
    const state = { attempt: 0, hookFails: true, dryRuns: [] as string[] };
    const counting = meddlingCounter(state);
    const settings: Settings = { limits: { max: 3 }, tags: ['caller'] };
    const counter = await readCounter(db.adapter);
    const data = { Counter: { meta: { notes: ['from caller'] } } };
    const callerObjects = structuredClone({ settings, counter, data });

    await counting.load(
      { adapter: db.adapter, id: 'J1', instances: { Counter: counter }, context: { settings } },
      async (wf) => {
        if (!wf.is('Busy')) throw new Error('expected Busy');
        const before = {
          context: copyOf(wf.context),
          instances: copyOf(wf.instances),
          history: structuredClone([...wf.history]),
        };
        expect(before.context.settings).toEqual({ limits: { max: 3 }, tags: ['caller'] });

        state.attempt = 1;
        expect(await wf.canTransitionTo('Closed', data)).toEqual({ ok: true });
        expect(state.dryRuns).toEqual(['preTransition true', 'validator true']);
        expect(copyOf(wf.context)).toEqual(before.context);
        expect(copyOf(wf.instances)).toEqual(before.instances);
        expect(structuredClone({ settings, counter, data })).toEqual(callerObjects);

        state.attempt = 2;
        state.dryRuns.length = 0;
        const error = await failureOf(() => wf.transitionTo('Closed', data));
        expect(error).toBeInstanceOf(HandlerError);
        expect((error as HandlerError).stage).toBe('hook');
        expect(state.dryRuns).toEqual(['preTransition false', 'validator false', 'hook false']);
        expect(wf.state).toBe('Busy');
        expect(wf.historySummary().state).toBe('Busy');
        expect(copyOf(wf.context)).toEqual(before.context);
        expect(copyOf(wf.instances)).toEqual(before.instances);
        expect(structuredClone([...wf.history])).toEqual(before.history);
        expect(structuredClone({ settings, counter, data })).toEqual(callerObjects);

        state.attempt = 3;
        state.hookFails = false;
        await wf.transitionTo('Closed', data);
      },
    );

    expect(structuredClone({ settings, counter, data })).toEqual(callerObjects);
    expect((await db.rows('AuditEntry')).map((row) => row['auditId'])).toEqual(['hook-3', 'pre-3']);
    expect((await db.rows('Job'))[0]).toMatchObject({ status: 'closed' });
    expect((await db.rows('Counter'))[0]).toMatchObject({ count: 0 });
  });

  it('a failed transition of a fresh run restores its context and a Counter passed through instanceOf', async () => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: false });
    const state = { attempt: 0, hookFails: true, dryRuns: [] as string[] };
    const counting = meddlingCounter(state);
    const settings: Settings = { limits: { max: 3 }, tags: ['caller'] };
    const counter = await readCounter(db.adapter);
    const callerObjects = structuredClone({ settings, counter });

    await counting.run({ adapter: db.adapter, context: { settings, counter } }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J2' } });
      const before = { context: copyOf(opened.context), instances: copyOf(opened.instances) };
      expect(before.instances.Counter).toMatchObject({ count: 0, meta: { notes: [] } });

      state.attempt = 1;
      await failureOf(() => opened.transitionTo('Closed'));

      expect(opened.state).toBe('Open');
      expect(copyOf(opened.context)).toEqual(before.context);
      expect(copyOf(opened.instances)).toEqual(before.instances);
    });

    expect(structuredClone({ settings, counter })).toEqual(callerObjects);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect((await db.rows('Job')).map((row) => [row['jobId'], row['status']])).toEqual([
      ['J1', 'busy'],
      ['J2', 'open'],
    ]);
  });
});
