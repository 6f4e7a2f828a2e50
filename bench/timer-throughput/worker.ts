// One process of bench/timer-throughput.ts: on 'go', calls Expiring.runDueTimers until a call
// claims nothing, then reports its counts and CPU time. It imports the package as users do (no
// `source` condition), so it runs the compiled runtime/dist.
import { Pool } from 'pg';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { ExpiringMachine } from './expiring.machine.gen.js';
import type { BenchWorkerDone, BenchWorkerTask } from './protocol.js';

const task = JSON.parse(process.argv[2] ?? '{}') as BenchWorkerTask;
const pool = new Pool({
  connectionString: task.url,
  max: 2,
  application_name: task.schema,
  options: `-c search_path=${task.schema} -c lock_timeout=10000`,
});
pool.on('error', () => undefined);
const adapter = new PgAdapter(pool, { tables: { Job: 'jobs' }, transitionLog: true });
const now = new Date(task.now);
// Warm the pool's connections before the clock starts.
await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 1')]);

process.once('message', async () => {
  const done = { kind: 'done' as const, fired: 0, failed: 0, dropped: 0, calls: 0, cpuMicros: 0 };
  const cpu = process.cpuUsage();
  for (;;) {
    const result = await ExpiringMachine.runDueTimers({ adapter, now, limit: task.limit });
    done.calls += 1;
    done.fired += result.fired.length;
    done.failed += result.failed.length;
    done.dropped += result.dropped.length;
    if (result.fired.length + result.failed.length + result.dropped.length === 0) break;
  }
  const used = process.cpuUsage(cpu);
  done.cpuMicros = used.user + used.system;
  await pool.end();
  process.send?.(done satisfies BenchWorkerDone, () => process.exit(0));
});
process.send?.({ kind: 'ready' });
