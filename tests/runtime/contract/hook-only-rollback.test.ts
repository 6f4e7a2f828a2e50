// A transition whose only mutating handlers are hooks: the hooks run after the state write, and
// the write replaces the rows it writes. Whatever a failing hook changed — a written row, a
// nested object inside one, a row the target does not write, the context — the workflow shows
// exactly what it showed before the transition.
import { expect, it } from 'vitest';
import type { Settings } from './support/models.js';
import { describeEachDatabase, failureOf } from './support/contract-databases.js';
import { seedBusyJob } from './support/counter-seeds.js';
import { freshCounting } from './support/counting-machine.js';

const copyOf = <T extends object>(value: T): T => structuredClone({ ...value });

describeEachDatabase('a failing hook leaves nothing behind, on %s', (_name, open) => {
  it.each([
    ['Idle', 'a state writing both rows'],
    ['Busy', 'a self-loop with data'],
    ['Closed', 'a state writing only the primary row'],
  ] as const)('into %s (%s)', async (target, _why) => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: false });
    const counting = freshCounting({ versioned: false });
    let meddling = true;
    counting.hook(target, function meddle(instances, context) {
      if (!meddling) return;
      const { Job: job, Counter: counter } = instances as unknown as Record<
        string,
        Record<string, unknown>
      >;
      if (job) job['status'] = 'meddled';
      if (counter) {
        counter['count'] = 42;
        (counter['meta'] as { notes: string[] } | null)?.notes.push('hook');
      }
      context.label = 'changed by the hook';
      context.settings?.tags.push('hook');
      throw new Error('hook failed after meddling');
    });
    const settings: Settings = { limits: { max: 3 }, tags: ['caller'] };
    const counter = await db.adapter.get('Counter', { counterId: 'C1' });
    await counting.load(
      {
        adapter: db.adapter,
        id: 'J1',
        instances: { Counter: counter as never },
        context: { settings, label: 'before' },
      },
      async (wf) => {
        if (!wf.is('Busy')) throw new Error('expected Busy');
        const before = { context: copyOf(wf.context), instances: copyOf(wf.instances) };
        const data = target === 'Busy' ? { Counter: { count: 7 } } : undefined;
        const error = await failureOf(() => wf.transitionTo(target, data));
        expect((error as Error).message).toContain('hook failed after meddling');
        expect(wf.state).toBe('Busy');
        expect(copyOf(wf.instances)).toEqual(before.instances);
        expect(copyOf(wf.context)).toEqual(before.context);
        // The workflow goes on from what it held: the rows it holds are the database's.
        meddling = false;
        await wf.transitionTo('Idle');
      },
    );
    expect(await db.adapter.get('Counter', { counterId: 'C1' })).toMatchObject({
      phase: 'idle',
      count: 0,
      meta: { notes: [] },
    });
    expect(await db.adapter.get('Job', { jobId: 'J1' })).toMatchObject({ status: 'idle' });
  });

  it('a failing hook changing a row the workflow also holds elsewhere (the context, the caller) leaves the workflow as it was', async () => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: false });
    const counting = freshCounting({ versioned: false });
    let meddle = false;
    counting.hook('Busy', function keepOrMeddle(instances, context) {
      const job = instances.Job as unknown as Record<string, unknown>;
      if (!meddle) {
        // The row the next transition's write will replace, kept where a hook can reach it.
        context.settings = { limits: { max: 1 }, tags: [], job } as unknown as Settings;
        return;
      }
      const kept = (context.settings as unknown as { job: Record<string, unknown> }).job;
      kept['status'] = 'meddled through the context';
      held['status'] = 'meddled through the caller';
      throw new Error('hook failed after meddling');
    });
    let held: Record<string, unknown> = {};
    const counter = await db.adapter.get('Counter', { counterId: 'C1' });
    const options = { adapter: db.adapter, id: 'J1', instances: { Counter: counter as never } };
    await counting.load(options, async (wf) => {
      if (!wf.is('Busy')) throw new Error('expected Busy');
      const again = await wf.transitionTo('Busy');
      held = again.instances.Job as unknown as Record<string, unknown>;
      const before = copyOf(again.instances);
      meddle = true;
      const error = await failureOf(() => again.transitionTo('Busy'));
      expect((error as Error).message).toContain('hook failed after meddling');
      expect(copyOf(again.instances)).toEqual(before);
      meddle = false;
      await again.transitionTo('Idle');
    });
    expect(await db.adapter.get('Job', { jobId: 'J1' })).toMatchObject({ status: 'idle' });
  });
});
