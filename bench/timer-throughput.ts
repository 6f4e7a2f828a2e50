/**
 * Throughput of Machine.runDueTimers on PostgreSQL: N jobs wait in a state whose timer is due, and
 * 1 or 4 worker processes call runDueTimers (PgAdapter, the transition log on) until nothing is
 * left. Each firing is a claim share (the claim's SELECT … FOR UPDATE SKIP LOCKED and UPDATE, in
 * batches of `--limit`), then its own transaction: the job's row read FOR UPDATE, the timer row
 * deleted, the transition (savepoint, compare-and-set UPDATE, log INSERT). The jobs and their
 * timers are seeded with SQL (as many entries into Waiting would leave them), so only the firing
 * is timed: from the moment every worker is connected and told to go until the last is done.
 * Afterwards every job must be Expired, the log must hold one step per job and no timer be left.
 *
 * Runs the compiled runtime and adapters (runtime/dist/, from `npm run build`) as users do.
 * Run: `npm run build && npx tsx bench/timer-throughput.ts [--timers 2000] [--workers 1,4]
 * [--limit 50] [--repeat 3]` against DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), each run in a schema of its own dropped at the end.
 * The table is printed and written to bench/out/timer-throughput.md.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  pgTimerTableStatements,
  pgTransitionLogStatements,
} from 'state-machine-framework/adapters/pg';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';
import type { BenchWorkerDone, BenchWorkerTask } from './timer-throughput/protocol.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
assertCompiledRuntimeIsFresh(root);
const WORKER = join(root, 'bench/timer-throughput/worker.ts');

const { values } = parseArgs({
  options: {
    timers: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,4' },
    limit: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '3' },
  },
});
const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const timers = Number(values.timers);
const limit = Number(values.limit);
const repeat = Number(values.repeat);
const workerCounts = values.workers.split(',').map(Number);
const NOW = new Date('2030-01-01T12:00:00.000Z');

interface Run {
  readonly workers: number;
  readonly seconds: number;
  readonly cpuMicros: number;
}

/** One run: a fresh schema with `timers` due jobs, `workers` processes firing them, checked. */
async function measure(workers: number): Promise<Run> {
  const schema = `smf_timer_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path = ${schema}`);
    await admin.query('CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)');
    for (const sql of [...pgTransitionLogStatements(), ...pgTimerTableStatements()]) {
      await admin.query(sql);
    }
    await admin.query(
      `INSERT INTO jobs ("jobId", status) SELECT 'J' || lpad(i::text, 6, '0'), 'waiting' FROM generate_series(1, $1) AS i`,
      [timers],
    );
    await admin.query(
      `INSERT INTO smf_timers (machine, entity_id, entry_seq, target, state, due_at, next_attempt_at, created_at)
       SELECT 'Expiring', 'J' || lpad(i::text, 6, '0'), 1, 'Expired', 'Waiting', $2::timestamptz, $2::timestamptz, $2::timestamptz - interval '1 hour'
       FROM generate_series(1, $1) AS i`,
      [timers, NOW.toISOString()],
    );
    await admin.query('ANALYZE');
    const task: BenchWorkerTask = { url, schema, now: NOW.toISOString(), limit };
    const children = Array.from({ length: workers }, () =>
      fork(WORKER, [JSON.stringify(task)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
    );
    const reports = children.map(
      (child) =>
        new Promise<BenchWorkerDone>((resolveDone, reject) => {
          child.on('message', (m: { kind: string }) => {
            if (m.kind === 'done') resolveDone(m as BenchWorkerDone);
          });
          child.on('exit', (code) => {
            if (code !== 0) reject(new Error(`a worker exited with ${code}`));
          });
        }),
    );
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((ready) =>
            child.once('message', (m: { kind: string }) => m.kind === 'ready' && ready()),
          ),
      ),
    );
    const started = performance.now();
    for (const child of children) child.send('go');
    const done = await Promise.all(reports);
    const seconds = (performance.now() - started) / 1000;

    const fired = done.reduce((sum, d) => sum + d.fired, 0);
    const failed = done.reduce((sum, d) => sum + d.failed + d.dropped, 0);
    const check = await admin.query<{ expired: string; logged: string; left: string }>(
      `SELECT (SELECT count(*) FROM jobs WHERE status = 'expired') AS expired,
              (SELECT count(*) FROM smf_transitions WHERE to_state = 'Expired') AS logged,
              (SELECT count(*) FROM smf_timers) AS left`,
    );
    const row = check.rows[0]!;
    if (fired !== timers || failed !== 0 || Number(row.expired) !== timers) {
      throw new Error(`run incomplete: ${JSON.stringify({ fired, failed, ...row })}`);
    }
    if (Number(row.logged) !== timers || Number(row.left) !== 0) {
      throw new Error(`log or timers wrong: ${JSON.stringify(row)}`);
    }
    return { workers, seconds, cpuMicros: done.reduce((sum, d) => sum + d.cpuMicros, 0) };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

const median = (xs: readonly number[]) => {
  const sorted = xs.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const loadBefore = loadavg()[0]!;
const lines = [
  `runDueTimers on PostgreSQL: ${timers} due timers, limit ${limit}, ${repeat} runs per worker count (median, range).`,
  '',
  '| workers | timers/s | range | worker CPU µs per timer |',
  '| --- | --- | --- | --- |',
];
for (const workers of workerCounts) {
  const runs: Run[] = [];
  for (let i = 0; i < repeat; i += 1) runs.push(await measure(workers));
  const rates = runs.map((r) => timers / r.seconds);
  const cpu = median(runs.map((r) => r.cpuMicros / timers));
  lines.push(
    `| ${workers} | ${Math.round(median(rates)).toLocaleString('en')} | ${Math.round(Math.min(...rates)).toLocaleString('en')} – ${Math.round(Math.max(...rates)).toLocaleString('en')} | ${Math.round(cpu)} |`,
  );
}
lines.push(
  '',
  `1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
);
console.log(lines.join('\n'));
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/timer-throughput.md'), `${lines.join('\n')}\n`);
