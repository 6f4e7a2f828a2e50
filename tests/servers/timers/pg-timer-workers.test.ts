// Durable timers across processes on PostgreSQL (issue 11): 4 worker processes call
// Timed.runDueTimers at once over 1,000 jobs in Waiting. With their 1,000 Reminded timers due,
// each must fire exactly once: the log holds one timer step per job, every job ends in Reminded,
// no worker saw a failure, and the workers' reports add up to 1,000 with no job twice. With both
// timers of each job due (2,000), one of the two moves the job and the other is cancelled by that
// move (a worker that had claimed it drops it): still one timer step per job. A
// worker that hangs is killed at the deadline and fails the test.
import { fork } from 'node:child_process';
import type { Pool } from 'pg';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import {
  PgAdapter,
  pgTimerTableStatements,
  pgTransitionLogStatements,
} from 'state-machine-framework/adapters/pg';
import { freshPgSchema } from '../../support/fresh-pg-schema.js';
import { DATABASE_URL, describeOnServer } from '../../support/servers.js';
import { TimedMachine } from '../../conformance/timers/timed-job.machine.gen.js';
import type { TimerWorkerReport, TimerWorkerTask } from './timer-worker-protocol.js';

const WORKERS = 4;
const JOBS = 1000;
const DEADLINE_MS = 150_000;
const WORKER = fileURLToPath(new URL('./timer-worker-process.ts', import.meta.url));

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

/** A schema with 1,000 jobs in Waiting (two timers each), through the runtime; `check` reads it. */
async function withWaitingJobs(
  check: (pool: Pool, ids: readonly string[], schema: string) => Promise<void>,
): Promise<void> {
  const db = await freshPgSchema();
  try {
    await db.exec([
      'CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)',
      ...pgTransitionLogStatements(),
      ...pgTimerTableStatements(),
    ]);
    const pool = db.pool({ max: 8 });
    const adapter = new PgAdapter(pool, { tables: { Job: 'jobs' }, transitionLog: true });
    const ids = Array.from({ length: JOBS }, (_, i) => `J${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(
        ids.slice(i, i + 8).map((id) =>
          TimedMachine.run({ adapter }, async (wf) => {
            const opened = await wf.transitionTo('Open', { Job: { jobId: id } });
            await opened.transitionTo('Waiting');
          }),
        ),
      );
    }
    await check(pool, ids, db.schema);
    await db.endPool(pool);
  } finally {
    await db.drop();
  }
}

/** The last Reminded and the first Expired due time of the jobs' timers. */
async function dueTimes(pool: Pool) {
  const { rows } = await pool.query<{ reminded: Date; expired: Date; lastExpired: Date }>(
    `SELECT max(due_at) FILTER (WHERE target = 'Reminded') AS reminded,
            min(due_at) FILTER (WHERE target = 'Expired') AS expired,
            max(due_at) FILTER (WHERE target = 'Expired') AS "lastExpired" FROM smf_timers`,
  );
  return rows[0]!;
}

/** Runs the 4 workers at once with clock `now`, then reads what they and the database say. */
async function runWorkers(pool: Pool, schema: string, now: Date) {
  const reports = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) =>
      runWorker({ url: DATABASE_URL, schema, worker, now: now.toISOString(), limit: 25 }),
    ),
  );
  const fired = reports.flatMap((r) => r.fired);
  const statuses = await pool.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM jobs GROUP BY status ORDER BY status',
  );
  // The timer steps: the moves out of Waiting, each logged with the timer that made it.
  const log = await pool.query<{ entity_id: string; n: string }>(
    "SELECT entity_id, count(*) AS n FROM smf_transitions WHERE from_state = 'Waiting' AND metadata ? 'timer' GROUP BY entity_id",
  );
  const remaining = await pool.query<{ target: string; state: string; n: string }>(
    'SELECT state, target, count(*) AS n FROM smf_timers GROUP BY state, target ORDER BY state, target',
  );
  const counts = {
    perWorker: reports.map((r) => ({ worker: r.worker, calls: r.calls, fired: r.fired.length })),
    fired: fired.length,
    distinctFired: new Set(fired).size,
    failed: reports.flatMap((r) => r.failed),
    dropped: reports.flatMap((r) => r.dropped).length,
    droppedReasons: [...new Set(reports.flatMap((r) => r.dropped.map((d) => d.split(': ')[1])))],
    statuses: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)])),
    loggedTimerSteps: log.rows.reduce((sum, r) => sum + Number(r.n), 0),
    entitiesLoggedTwice: log.rows.filter((r) => Number(r.n) !== 1).length,
    timersLeft: remaining.rows.map((r) => `${r.state}→${r.target}: ${r.n}`),
  };
  return { fired, counts };
}

describeOnServer('postgres', 'durable timers: 4 processes over 1,000 jobs on PostgreSQL', () => {
  it('fires each of 1,000 due timers exactly once, with no failure, deadlock or hang', async () => {
    await withWaitingJobs(async (pool, ids, schema) => {
      // Every Reminded timer (1 h) is due, no Expired one (2 h) yet.
      const times = await dueTimes(pool);
      expect(times.expired.getTime()).toBeGreaterThan(times.reminded.getTime());
      const { fired, counts } = await runWorkers(pool, schema, times.reminded);
      console.log('1,000 due timers, 4 processes:', JSON.stringify(counts, null, 2));
      expect(counts.failed).toEqual([]);
      expect(counts.dropped).toBe(0);
      expect(fired).toHaveLength(JOBS);
      expect(new Set(fired)).toEqual(new Set(ids));
      expect(counts.statuses).toEqual({ reminded: JOBS });
      expect(counts.loggedTimerSteps).toBe(JOBS);
      expect(counts.entitiesLoggedTwice).toBe(0);
      // Left: the timer each job's entry into Reminded scheduled, no Waiting one.
      expect(counts.timersLeft).toEqual([`Reminded→Expired: ${JOBS}`]);
    });
  }, 240_000);

  it('with both timers of each job due, moves each job once and drops the other timer', async () => {
    await withWaitingJobs(async (pool, ids, schema) => {
      const times = await dueTimes(pool);
      const { fired, counts } = await runWorkers(pool, schema, times.lastExpired);
      console.log('2,000 due timers on 1,000 jobs, 4 processes:', JSON.stringify(counts, null, 2));
      expect(counts.failed).toEqual([]);
      expect(new Set(fired)).toEqual(new Set(ids));
      expect(fired).toHaveLength(JOBS);
      // The other timer was cancelled by the move, before or after a worker claimed it.
      expect(counts.dropped).toBeLessThanOrEqual(JOBS);
      for (const reason of counts.droppedReasons)
        expect(['claim-lost', 'state-left']).toContain(reason);
      expect(counts.loggedTimerSteps).toBe(JOBS);
      expect(counts.entitiesLoggedTwice).toBe(0);
      const { reminded = 0, expired = 0 } = counts.statuses;
      expect(reminded + expired).toBe(JOBS);
      expect(counts.timersLeft).toEqual(reminded > 0 ? [`Reminded→Expired: ${reminded}`] : []);
    });
  }, 240_000);
});
