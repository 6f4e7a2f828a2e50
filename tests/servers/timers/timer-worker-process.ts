// One of the processes of pg-timer-workers.test.ts: calls Timed.runDueTimers on its own pool
// until a call claims nothing, then reports what it fired, failed and dropped.
import { Pool } from 'pg';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { TimedMachine } from '../../conformance/timers/timed-job.machine.gen.js';
import type { TimerWorkerReport, TimerWorkerTask } from './timer-worker-protocol.js';

const task = JSON.parse(process.argv[2] ?? '{}') as TimerWorkerTask;
const pool = new Pool({
  connectionString: task.url,
  max: 2,
  application_name: task.schema,
  // Every wait is bounded, so a deadlock or a lock never released fails instead of hanging.
  options: `-c search_path=${task.schema} -c lock_timeout=10000 -c statement_timeout=30000`,
});
pool.on('error', () => undefined);
const adapter = new PgAdapter(pool, { tables: { Job: 'jobs' }, transitionLog: true });
const now = new Date(task.now);
const report = { worker: task.worker, calls: 0, fired: [], failed: [], dropped: [] } as {
  -readonly [K in keyof TimerWorkerReport]: TimerWorkerReport[K] extends readonly (infer E)[]
    ? E[]
    : TimerWorkerReport[K];
};
try {
  for (;;) {
    const result = await TimedMachine.runDueTimers({ adapter, now, limit: task.limit });
    report.calls += 1;
    report.fired.push(...result.fired.map((f) => f.entityId));
    report.failed.push(...result.failed.map((f) => `${f.entityId}: ${String(f.error)}`));
    report.dropped.push(...result.dropped.map((d) => `${d.entityId}: ${d.reason}`));
    if (result.fired.length + result.failed.length + result.dropped.length === 0) break;
  }
} finally {
  await pool.end();
}
process.send?.(report, () => process.exit(0));
