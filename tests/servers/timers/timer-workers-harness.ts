// Durable timers across processes (issue 11): 1,000 jobs are moved into Waiting through the
// runtime (two timers each: Reminded after 1 h, Expired after 2 h), then 4 forked worker
// processes call Timed.runDueTimers at once with one clock until nothing is left. What they
// report and what the database holds afterwards (read back through the runtime, so the same on
// every dialect) are returned for the tests to check. A worker still running at the deadline is
// killed and fails the run: a hang or a deadlock is a failure, never a skip.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { ORMAdapter, TimerOperations } from 'state-machine-framework';
import { describeOnServer } from '../../support/servers.js';
import type { Server } from '../../support/servers.js';
import type { OpenAdapter } from './timer-database.js';
import { TimedMachine } from '../../conformance/timers/timed-job.machine.gen.js';
import type { TimerDatabase, TimerWorkerReport, TimerWorkerTask } from './timer-worker-protocol.js';

export const JOBS = 1000;
const WORKERS = 4;
const DEADLINE_MS = 150_000;
const WORKER = fileURLToPath(new URL('./timer-worker-process.ts', import.meta.url));

export const jobIds = Array.from({ length: JOBS }, (_, i) => `J${String(i).padStart(4, '0')}`);

function runWorker(task: TimerWorkerTask): Promise<TimerWorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(task)], {
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: 'inherit',
    });
    let report: TimerWorkerReport | undefined;
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timer worker ${task.worker} did not finish within ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    child.on('message', (message) => (report = message as TimerWorkerReport));
    child.on('exit', (code) => {
      clearTimeout(deadline);
      if (report && code === 0) resolve(report);
      else reject(new Error(`timer worker ${task.worker} exited with ${code} without its report`));
    });
  });
}

/**
 * Moves every job into Waiting, `concurrency` workflows at a time. (On MariaDB new entities' first
 * log rows, written at once, deadlock on the log index's gap locks: seed those one at a time.)
 */
export async function seedWaitingJobs(adapter: ORMAdapter, concurrency: number): Promise<void> {
  for (let i = 0; i < jobIds.length; i += concurrency) {
    await Promise.all(
      jobIds.slice(i, i + concurrency).map((id) =>
        TimedMachine.run({ adapter }, async (wf) => {
          const opened = await wf.transitionTo('Open', { Job: { jobId: id } });
          await opened.transitionTo('Waiting');
        }),
      ),
    );
  }
}

/** The latest Reminded and the earliest and latest Expired due time of the jobs' timers. */
export async function dueTimes(adapter: ORMAdapter) {
  const due = { reminded: 0, expired: Infinity, lastExpired: 0 };
  for (const id of jobIds) {
    for (const t of await (adapter as ORMAdapter & TimerOperations).readTimers('Timed', id)) {
      const at = t.dueAt.getTime();
      if (t.target === 'Reminded') due.reminded = Math.max(due.reminded, at);
      else {
        due.expired = Math.min(due.expired, at);
        due.lastExpired = Math.max(due.lastExpired, at);
      }
    }
  }
  return due;
}

/** Runs the 4 workers at once with clock `now`, then reads what they did and what is stored. */
export async function runTimerWorkers(adapter: ORMAdapter, database: TimerDatabase, now: number) {
  const reports = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) =>
      runWorker({ database, worker, now: new Date(now).toISOString(), limit: 25 }),
    ),
  );
  const fired = reports.flatMap((r) => r.fired);
  const dropped = reports.flatMap((r) => r.dropped);
  // A firing that failed is due again after its backoff (seconds): a later sweep fires it.
  const swept: string[] = [];
  if (reports.some((r) => r.failed.length > 0)) {
    for (;;) {
      const result = await TimedMachine.runDueTimers({ adapter, now: new Date(now + 60_000) });
      swept.push(...result.fired.map((f) => f.entityId));
      if (result.fired.length + result.failed.length + result.dropped.length === 0) break;
    }
  }
  const timerSteps = new Map<string, number>();
  const timersLeft = new Map<string, number>();
  for (const id of jobIds) {
    const steps = await TimedMachine.history({ adapter, id });
    const byTimer = steps.filter((s) => s.from === 'Waiting' && 'timer' in s.metadata);
    timerSteps.set(id, byTimer.length);
    for (const t of await (adapter as ORMAdapter & TimerOperations).readTimers('Timed', id)) {
      const key = `${t.state}→${t.target}`;
      timersLeft.set(key, (timersLeft.get(key) ?? 0) + 1);
    }
  }
  const counts = {
    perWorker: reports.map((r) => ({ worker: r.worker, calls: r.calls, fired: r.fired.length })),
    fired: fired.length,
    distinctFired: new Set(fired).size,
    failed: reports.flatMap((r) => r.failed),
    /** Failed firings that are the database breaking a deadlock (retried by the sweep). */
    deadlocks: reports.flatMap((r) => r.failed).filter((f) => f.includes('deadlock')).length,
    dropped: dropped.length,
    droppedReasons: [...new Set(dropped.map((d) => d.split(': ')[1]))],
    statuses: Object.fromEntries(
      Object.entries(await TimedMachine.countByState({ adapter })).filter(([, n]) => n > 0),
    ),
    loggedTimerSteps: [...timerSteps.values()].reduce((sum, n) => sum + n, 0),
    entitiesLoggedTwice: [...timerSteps.values()].filter((n) => n > 1).length,
    timersLeft: Object.fromEntries(timersLeft),
  };
  return { fired: [...fired, ...swept], counts: { ...counts, swept: swept.length } };
}

/** A database with the jobs, log and timers tables, an adapter on it, and its removal. */
export interface TimerTestDatabase extends OpenAdapter {
  readonly database: TimerDatabase;
  drop(): Promise<void>;
}

/** The two multi-process scenarios on one server; `create` makes a fresh database for each. */
export function describeTimerWorkers(
  server: Server,
  title: string,
  create: () => Promise<TimerTestDatabase>,
  /**
   * Whether a firing may fail because the database broke a deadlock (MariaDB's gap locks on the
   * log's index when neighbouring entities log at once): it rolls back, stays due and is fired by
   * a later call, which the run then makes. Every other failure fails the test.
   */
  deadlocksRetried = false,
): void {
  const expectFailures = (failed: readonly string[], deadlocks: number) => {
    if (deadlocksRetried) expect(failed.length).toBe(deadlocks);
    else expect(failed).toEqual([]);
  };
  const withWaitingJobs = async (check: (db: TimerTestDatabase) => Promise<void>) => {
    const db = await create();
    try {
      await seedWaitingJobs(db.adapter, db.database.dialect === 'mysql' ? 1 : 8);
      await check(db);
    } finally {
      await db.close();
      await db.drop();
    }
  };

  describeOnServer(server, title, () => {
    it('fires each of 1,000 due timers exactly once, with no failure, deadlock or hang', async () => {
      await withWaitingJobs(async ({ adapter, database }) => {
        // Every Reminded timer (1 h) is due, no Expired one (2 h) yet.
        const due = await dueTimes(adapter);
        expect(due.expired).toBeGreaterThan(due.reminded);
        const { fired, counts } = await runTimerWorkers(adapter, database, due.reminded);
        console.log(`${title}, 1,000 due timers:`, JSON.stringify(counts, null, 2));
        expectFailures(counts.failed, counts.deadlocks);
        expect(counts.dropped).toBe(0);
        expect(fired).toHaveLength(JOBS);
        expect(new Set(fired)).toEqual(new Set(jobIds));
        expect(counts.statuses).toEqual({ Reminded: JOBS });
        expect(counts.loggedTimerSteps).toBe(JOBS);
        expect(counts.entitiesLoggedTwice).toBe(0);
        // Left: the timer each job's entry into Reminded scheduled, no Waiting one.
        expect(counts.timersLeft).toEqual({ 'Reminded→Expired': JOBS });
      });
    }, 300_000);

    it('with both timers of each job due, moves each job once; the other timer is cancelled', async () => {
      await withWaitingJobs(async ({ adapter, database }) => {
        const due = await dueTimes(adapter);
        const { fired, counts } = await runTimerWorkers(adapter, database, due.lastExpired);
        console.log(`${title}, 2,000 due timers on 1,000 jobs:`, JSON.stringify(counts, null, 2));
        expectFailures(counts.failed, counts.deadlocks);
        expect(fired).toHaveLength(JOBS);
        expect(new Set(fired)).toEqual(new Set(jobIds));
        // The other timer was cancelled by the move, before or after a worker claimed it.
        expect(counts.dropped).toBeLessThanOrEqual(JOBS);
        for (const reason of counts.droppedReasons) {
          expect(['claim-lost', 'state-left']).toContain(reason);
        }
        expect(counts.loggedTimerSteps).toBe(JOBS);
        expect(counts.entitiesLoggedTwice).toBe(0);
        const { Reminded: reminded = 0, Expired: expired = 0 } = counts.statuses;
        expect(reminded + expired).toBe(JOBS);
        expect(counts.timersLeft).toEqual(reminded > 0 ? { 'Reminded→Expired': reminded } : {});
      });
    }, 300_000);
  });
}
