// A workflow on the DrizzleAdapter: a hook runs its own typed Drizzle query on the transition's
// transaction (meta.adapter.db), which commits with the transition and rolls back with it, and
// the transition log gives the machine's history.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { HandlerError } from 'state-machine-framework';
import type { DrizzleTransaction } from 'state-machine-framework/adapters/drizzle';
import type { Counter } from '../../runtime/contract/support/models.js';
import { CountingMachine } from '../../runtime/contract/support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { describeEachDriver } from './support/drizzle-fixtures.js';

describeEachDriver('a workflow on DrizzleAdapter (%s)', (open) => {
  it("a hook's own Drizzle query commits with its transition and rolls back with it", async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    const audit = database.tables.Audit as any;
    const counting = freshMachine(CountingMachine);
    counting.hook('Busy', async function writeAudit(instances, _context, meta) {
      const tx = (meta.adapter as DrizzleTransaction<any>).db as any;
      await tx.insert(audit).values({
        jobId: instances.Job.jobId,
        note: `count ${instances.Counter.count}`,
      });
      const mine = await tx.select().from(audit).where(eq(audit.jobId, instances.Job.jobId));
      return mine.length;
    });
    counting.hook(
      'Busy',
      function refuseOnRequest(_instances, context) {
        if (context.label === 'refuse') throw new Error('refused by the test');
      },
      { order: 1 },
    );
    const committed: string[] = [];
    counting.afterCommit('Busy', (instances) => {
      committed.push(`${instances.Job.jobId} ${instances.Counter.count}`);
    });

    await counting.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      await opened.transitionTo(
        'Busy',
        { Counter: { counterId: 'K1', count: 0 } },
        { metadata: { by: 'the test' } },
      );
    });

    const counter = (await adapter.get('Counter', { counterId: 'K1' })) as unknown as Counter;
    const refused = await counting
      .load(
        { adapter, id: 'J1', context: { label: 'refuse' }, instances: { Counter: counter } },
        (wf) => (wf.is('Busy') ? wf.transitionTo('Busy', { Counter: { count: 1 } }) : undefined),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HandlerError);
    expect(refused).toMatchObject({ stage: 'hook', handler: 'refuseOnRequest' });

    await counting.load({ adapter, id: 'J1', instances: { Counter: counter } }, async (wf) => {
      if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
      await wf.transitionTo('Busy', { Counter: { count: 5 } });
    });

    expect((await database.committed('audit')).map((row) => row['note'])).toEqual([
      'count 0',
      'count 5',
    ]);
    expect(await adapter.get('Counter', { counterId: 'K1' })).toMatchObject({ count: 5 });
    expect(committed).toEqual(['J1 0', 'J1 5']);

    const history = await counting.history({ adapter, id: 'J1' });
    expect(history.map((entry) => `${entry.seq} ${entry.from ?? '(new)'} → ${entry.to}`)).toEqual([
      '1 (new) → Open',
      '2 Open → Busy',
      '3 Busy → Busy',
    ]);
    expect(history[1]).toMatchObject({ results: { writeAudit: 1 }, metadata: { by: 'the test' } });
    expect(history[2]).toMatchObject({ results: { writeAudit: 2 } });
    expect(history[0]?.at).toBeInstanceOf(Date);
  });

  it('a transition that fails inside a run leaves no trace, and the run goes on', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    const audit = database.tables.Audit as any;
    const counting = freshMachine(CountingMachine);
    counting.hook('Busy', async function writeAudit(instances, context, meta) {
      await (adapter.txOf(meta.adapter) as any)
        .insert(audit)
        .values({ jobId: 'J1', note: 'attempt' });
      if (context.limit === undefined) throw new Error('no limit yet');
    });

    await counting.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      const error = await opened
        .transitionTo('Busy', { Counter: { counterId: 'K1', count: 0 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HandlerError);
      await opened.transitionTo('Closed');
    });

    expect(await database.committed('audit')).toEqual([]);
    expect(await database.committed('counters')).toEqual([]);
    expect(await adapter.get('Job', { jobId: 'J1' })).toEqual({ jobId: 'J1', status: 'closed' });
    expect((await counting.history({ adapter, id: 'J1' })).map((entry) => entry.to)).toEqual([
      'Open',
      'Closed',
    ]);
  });
});
