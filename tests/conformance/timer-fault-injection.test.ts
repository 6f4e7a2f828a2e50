// Fault injection on durable timers, on every adapter: the k-th adapter call fails, for every k.
// A workflow that schedules and cancels timers leaves the jobs, the log and the timers as they
// were; runDueTimers under a fault leaves the job where it was or moves it once, and a clean call
// after the lease fires what is left: the timer's transition happens exactly once in the end.
import { expect, it } from 'vitest';
import type { ORMAdapter, StoredTimer, TimerOperations } from 'state-machine-framework';
import { failingAt, InjectedFault } from '../runtime/support/failing-adapter.js';
import { freshMachine } from '../support/fresh-machine.js';
import type { ConformanceDatabase } from './registry.js';
import { describeEachDatabase } from './registry.js';
import { TimedMachine } from './timers/timed-job.machine.gen.js';

const LEASE = 60_000;
const timersOf = (adapter: ORMAdapter) => adapter as ORMAdapter & TimerOperations;

/** A timer row without its times, which follow the clock of the run that wrote it. */
const shape = (t: StoredTimer) =>
  `${t.entityId}:${t.state}#${t.entrySeq}→${t.target} after ${t.dueAt.getTime() - t.createdAt.getTime()} ms, attempts ${t.attempts}`;

async function everything(db: ConformanceDatabase, exact: boolean) {
  const timers: unknown[] = [];
  for (const id of ['J0', 'J1']) {
    for (const t of await timersOf(db.adapter).readTimers('Timed', id)) {
      timers.push(exact ? t : shape(t));
    }
  }
  return { jobs: await db.rows('Job'), log: await db.transitionLog(), timers };
}

async function seed(db: ConformanceDatabase) {
  await TimedMachine.run({ adapter: db.adapter }, async (wf) => {
    const opened = await wf.transitionTo('Open', { Job: { jobId: 'J0' } });
    await opened.transitionTo('Waiting');
  });
}

/** J1 into Waiting; J0 Waiting → Waiting → Reminded: schedules and cancels, in one transaction. */
async function workflow(adapter: ORMAdapter) {
  const timed = freshMachine(TimedMachine);
  await adapter.transaction(async (tx) => {
    await timed.run({ adapter: tx }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      await opened.transitionTo('Waiting');
    });
    await timed.load({ adapter: tx, id: 'J0' }, async (wf) => {
      if (!wf.is('Waiting')) throw new Error(`expected Waiting, got ${wf.state}`);
      const again = await wf.transitionTo('Waiting');
      await again.transitionTo('Reminded');
    });
  });
}

function injectedFaultIn(error: unknown): InjectedFault | undefined {
  for (let e = error, depth = 0; e !== undefined && depth < 10; depth++) {
    if (e instanceof InjectedFault) return e;
    e = (e as { cause?: unknown } | null)?.cause;
  }
  return undefined;
}

describeEachDatabase('durable timers under fault injection on %s', (_name, open) => {
  it('a fault at any adapter call of a workflow leaves jobs, log and timers as before', async () => {
    const reference = await open();
    await seed(reference);
    const counter = { calls: 0 };
    await workflow(failingAt(reference.adapter, 0, counter));
    const total = counter.calls;
    const done = await everything(reference, false);
    await reference.close();
    expect(done.timers).toEqual([
      'J0:Reminded#4→Expired after 3600000 ms, attempts 0',
      'J1:Waiting#2→Expired after 7200000 ms, attempts 0',
      'J1:Waiting#2→Reminded after 3600000 ms, attempts 0',
    ]);

    const problems: string[] = [];
    for (let k = 1; k <= total; k++) {
      const db = await open();
      await seed(db);
      const before = await everything(db, true);
      const error = await workflow(failingAt(db.adapter, k)).then(
        () => 'no error',
        (e: unknown) => e,
      );
      if (!injectedFaultIn(error)) problems.push(`call ${k}: failed with ${String(error)}`);
      const after = await everything(db, true);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        problems.push(`call ${k}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`);
      }
      await workflow(db.adapter);
      const clean = await everything(db, false);
      if (JSON.stringify(clean) !== JSON.stringify(done)) {
        problems.push(`call ${k}, then a clean run: ${JSON.stringify(clean)}`);
      }
      await db.close();
    }
    expect(problems).toEqual([]);
  });

  it('a fault at any adapter call of runDueTimers fires the timer at most once, and a later call fires it', async () => {
    const reference = await open();
    await seed(reference);
    const due = (await timersOf(reference.adapter).readTimers('Timed', 'J0')).find(
      (t) => t.target === 'Reminded',
    )!.dueAt;
    const counter = { calls: 0 };
    const timed = freshMachine(TimedMachine);
    const fired = await timed.runDueTimers({
      adapter: failingAt(reference.adapter, 0, counter),
      now: due,
    });
    expect(fired.fired).toHaveLength(1);
    const total = counter.calls;
    await reference.close();

    const problems: string[] = [];
    for (let k = 1; k <= total; k++) {
      const db = await open();
      await seed(db);
      await timed
        .runDueTimers({ adapter: failingAt(db.adapter, k), now: due })
        .catch((error: unknown) => {
          if (!injectedFaultIn(error)) problems.push(`call ${k}: failed with ${String(error)}`);
        });
      const reminded = () =>
        db.transitionLog().then((log) => log.filter((step) => step.to === 'Reminded').length);
      const status = (await db.rows('Job'))[0]?.['status'];
      if (status === 'waiting' ? (await reminded()) !== 0 : status !== 'reminded') {
        problems.push(`call ${k}: J0 is ${String(status)} with ${await reminded()} Reminded steps`);
      }
      // Past the lease and any backoff, before the Expired timer: what is left fires.
      await timed.runDueTimers({ adapter: db.adapter, now: new Date(due.getTime() + 2 * LEASE) });
      const end = await everything(db, false);
      const expected = ['J0:Reminded#3→Expired after 3600000 ms, attempts 0'];
      if ((await reminded()) !== 1 || JSON.stringify(end.timers) !== JSON.stringify(expected)) {
        problems.push(`call ${k}, then a clean call: ${JSON.stringify(end)}`);
      }
      await db.close();
    }
    expect(problems).toEqual([]);
  });
});
