// A row passed in from outside the transaction that is stale never wins, on a self-loop (Busy →
// Busy) or a cycle back to the same state value (Busy → Idle → Busy).
import { describe, expect, it } from 'vitest';
import { ConcurrentTransitionError, type ORMAdapter } from 'state-machine-framework';
import {
  describeEachDatabase,
  failureOf,
  logLines,
  type ContractDatabase,
} from './support/contract-databases.js';
import type { Counter } from './support/models.js';
import { freshCounting } from './support/counting-machine.js';
import { seedBusyJob } from './support/counter-seeds.js';

const readCounter = async (adapter: ORMAdapter, counterId = 'C1') =>
  (await adapter.get('Counter', { counterId })) as unknown as Counter;

async function counterRow(db: ContractDatabase, counterId = 'C1') {
  return (await db.rows('Counter')).find((row) => row['counterId'] === counterId);
}

/** One caller's increment through the self-loop, from the row it read before. */
function incrementThroughSelfLoop(adapter: ORMAdapter, versioned: boolean, seen: Counter) {
  return freshCounting({ versioned }).load(
    { adapter, id: 'J1', instances: { Counter: seen } },
    async (wf) => {
      if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
      await wf.transitionTo('Busy', { Counter: { count: seen.count + 1 } });
    },
  );
}

describeEachDatabase('lost update through a stale row, on %s', (_name, open) => {
  describe.each([
    ['without a version field', false, { fields: ['count'], message: /count: passed 0, stored 1/ }],
    ['with versionField', true, { fields: [], message: /and version 1/ }],
  ] as const)('%s', (_setting, versioned, staleness) => {
    it('two callers that read count 0 and write count + 1 through a self-loop: one wins, one fails, the row ends at 1', async () => {
      const db = await open();
      await seedBusyJob(db.adapter, { versioned });
      const first = await readCounter(db.adapter);
      const second = await readCounter(db.adapter);
      expect([first.count, second.count]).toEqual([0, 0]);

      await incrementThroughSelfLoop(db.adapter, versioned, first);
      const error = await failureOf(() => incrementThroughSelfLoop(db.adapter, versioned, second));

      expect(error).toBeInstanceOf(ConcurrentTransitionError);
      const concurrent = error as ConcurrentTransitionError;
      expect(concurrent.model).toBe('Counter');
      expect(concurrent.id).toBe('C1');
      expect(concurrent.message).toContain('Counting: Counter "C1" was changed concurrently');
      expect(concurrent.fields).toEqual(staleness.fields);
      expect(concurrent.message).toMatch(staleness.message);
      expect(await counterRow(db)).toMatchObject({ count: 1, phase: 'counting' });
      expect(await logLines(db)).toEqual([
        'Counting J1: (new) → Open',
        'Counting J1: Open → Busy',
        'Counting J1: Busy → Busy',
      ]);
    });

    it('run concurrently, the stale caller still loses, and a retry from a fresh read counts to 2', async () => {
      const db = await open();
      await seedBusyJob(db.adapter, { versioned });
      const seen = [await readCounter(db.adapter), await readCounter(db.adapter)];

      const outcomes = await Promise.allSettled(
        seen.map((row) => incrementThroughSelfLoop(db.adapter, versioned, row)),
      );

      expect(outcomes.map((o) => o.status).toSorted()).toEqual(['fulfilled', 'rejected']);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(ConcurrentTransitionError);
      expect(await counterRow(db)).toMatchObject({ count: 1 });

      await incrementThroughSelfLoop(db.adapter, versioned, await readCounter(db.adapter));
      expect(await counterRow(db)).toMatchObject({ count: 2 });
    });

    it('a cycle back to the same state value (ABA) does not let a row read before it win', async () => {
      const db = await open();
      await seedBusyJob(db.adapter, { versioned });
      const stale = await readCounter(db.adapter);
      await freshCounting({ versioned }).load(
        { adapter: db.adapter, id: 'J1', instances: { Counter: await readCounter(db.adapter) } },
        async (wf) => {
          if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
          const idle = await wf.transitionTo('Idle', { Counter: { count: 1 } });
          await idle.transitionTo('Busy');
        },
      );
      expect(await counterRow(db)).toMatchObject({ phase: 'counting', count: 1 });

      const error = await failureOf(() =>
        freshCounting({ versioned }).load(
          { adapter: db.adapter, id: 'J1', instances: { Counter: stale } },
          async (wf) => {
            if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
            await wf.transitionTo('Idle', { Counter: { count: stale.count + 1 } });
          },
        ),
      );

      expect(error).toBeInstanceOf(ConcurrentTransitionError);
      expect(await counterRow(db)).toMatchObject({ phase: 'counting', count: 1 });
      expect((await db.rows('Job'))[0]).toMatchObject({ status: 'busy' });
      expect(await logLines(db)).toEqual([
        'Counting J1: (new) → Open',
        'Counting J1: Open → Busy',
        'Counting J1: Busy → Idle',
        'Counting J1: Idle → Busy',
      ]);
    });

    it("a stale row through run's instanceOf entry never wins either (its state value still matches)", async () => {
      const db = await open();
      await seedBusyJob(db.adapter, { versioned });
      const first = await readCounter(db.adapter);
      const second = await readCounter(db.adapter);
      const startJob = (jobId: string, counter: Counter) =>
        freshCounting({ versioned }).run(
          { adapter: db.adapter, context: { counter } },
          async (wf) => {
            const opened = await wf.transitionTo('Open', { Job: { jobId } });
            await opened.transitionTo('Busy', { Counter: { count: counter.count + 1 } });
          },
        );

      await startJob('J2', first);
      const error = await failureOf(() => startJob('J3', second));

      expect(error).toBeInstanceOf(ConcurrentTransitionError);
      expect(await counterRow(db)).toMatchObject({ count: 1 });
      expect((await db.rows('Job')).map((row) => row['jobId'])).toEqual(['J1', 'J2']);
    });

    it('data for a model the target does not map is checked too (Busy → Closed writing the counter)', async () => {
      const db = await open();
      await seedBusyJob(db.adapter, { versioned });
      const stale = await readCounter(db.adapter);
      await incrementThroughSelfLoop(db.adapter, versioned, await readCounter(db.adapter));

      const error = await failureOf(() =>
        freshCounting({ versioned }).load(
          { adapter: db.adapter, id: 'J1', instances: { Counter: stale } },
          async (wf) => {
            if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
            await wf.transitionTo('Closed', { Counter: { count: stale.count + 10 } });
          },
        ),
      );

      expect(error).toBeInstanceOf(ConcurrentTransitionError);
      expect(await counterRow(db)).toMatchObject({ count: 1, phase: 'counting' });
      expect((await db.rows('Job'))[0]).toMatchObject({ status: 'busy' });
    });
  });

  it('versionField: a created row gets version 1 unless its data gives one, and every write adds 1', async () => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: true });
    expect(await counterRow(db)).toMatchObject({ version: 1 });

    await incrementThroughSelfLoop(db.adapter, true, await readCounter(db.adapter));
    expect(await counterRow(db)).toMatchObject({ version: 2, count: 1 });

    await freshCounting({ versioned: true }).run({ adapter: db.adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J2' } });
      await opened.transitionTo('Busy', { Counter: { counterId: 'C2', count: 0, version: 5 } });
    });
    expect(await counterRow(db, 'C2')).toMatchObject({ version: 5 });
  });

  it('without a version field, a row passed in that is still current is written normally', async () => {
    const db = await open();
    await seedBusyJob(db.adapter, { versioned: false });
    await incrementThroughSelfLoop(db.adapter, false, await readCounter(db.adapter));
    await incrementThroughSelfLoop(db.adapter, false, await readCounter(db.adapter));
    expect(await counterRow(db)).toMatchObject({ count: 2 });
  });
});
