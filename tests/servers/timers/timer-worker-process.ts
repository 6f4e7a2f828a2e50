// One of the processes of the multi-process timer tests: calls Timed.runDueTimers on its own
// connections until a call claims nothing, then reports what it fired, failed and dropped.
import { TimedMachine } from '../../conformance/timers/timed-job.machine.gen.js';
import { openTimerAdapter } from './timer-database.js';
import type { TimerWorkerReport, TimerWorkerTask } from './timer-worker-protocol.js';

const task = JSON.parse(process.argv[2] ?? '{}') as TimerWorkerTask;
const { adapter, close } = openTimerAdapter(task.database, 2);
const now = new Date(task.now);
const fired: string[] = [];
const failed: string[] = [];
const dropped: string[] = [];
let calls = 0;
try {
  for (;;) {
    const result = await TimedMachine.runDueTimers({ adapter, now, limit: task.limit });
    calls += 1;
    fired.push(...result.fired.map((f) => f.entityId));
    failed.push(...result.failed.map((f) => `${f.entityId}: ${String(f.error)}`));
    dropped.push(...result.dropped.map((d) => `${d.entityId}: ${d.reason}`));
    if (result.fired.length + result.failed.length + result.dropped.length === 0) break;
  }
} finally {
  await close();
}
const report: TimerWorkerReport = { worker: task.worker, calls, fired, failed, dropped };
process.send?.(report, () => process.exit(0));
