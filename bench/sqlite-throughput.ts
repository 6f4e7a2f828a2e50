/**
 * SQLite-file throughput of workflows through the runtime + SqliteAdapter vs hand-written
 * better-sqlite3 SQL doing the same writes (goal: ours ≥ 85% of hand-written).
 *
 * One workflow = create + 2 transitions (Pending → Processing → Completed) of one order. Both
 * sides use the same transaction structure: one BEGIN IMMEDIATE … COMMIT per workflow and one
 * savepoint per transition, an INSERT, then two UPDATEs with the compare-and-set WHERE clause
 * (`orderId = ? AND status = ?`). The hand-written side is synchronous prepared statements, with
 * a plain INSERT (the runtime's INSERT also returns the row).
 *
 * Runs the compiled runtime and adapter (runtime/dist/, from `npm run build`) as users do.
 * Run: `npx tsx bench/sqlite-throughput.ts [--workflows 3000] [--batch 10] [--synchronous FULL,NORMAL]
 * [--workloads lifecycle]`; `--workloads data,self-loop,two-model,load` runs the realistic
 * workloads (sqlite-throughput/workloads.ts; self-loop runs 1% of the workflows, in batches of 1).
 * The two sides write to two files side by side and alternate batch by batch (which goes first
 * alternates too), so a shared machine's disk and CPU noise falls on both alike. Rates are
 * totals over all batches after a warm-up batch of each; CPU µs per transition is this process's
 * CPU time, which other processes move less than wall time (but still move, on a loaded machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBenchDatabase } from './sqlite-throughput/bench-database.js';
import { createParcelTables } from './sqlite-throughput/parcel-tables.js';
import type { Sample, Side } from './sqlite-throughput/sides.js';
import { workloadNamed, type Workload } from './sqlite-throughput/workloads.js';
import { median } from './statistics.js';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';

assertCompiledRuntimeIsFresh(resolve(dirname(fileURLToPath(import.meta.url)), '..'));

const { values } = parseArgs({
  options: {
    workflows: { type: 'string', default: '3000' },
    batch: { type: 'string', default: '10' },
    synchronous: { type: 'string', default: 'FULL,NORMAL' },
    workloads: { type: 'string', default: 'lifecycle' },
  },
});

interface Totals {
  wallMs: number;
  cpuMs: number;
}

interface Comparison {
  readonly runtime: Totals;
  readonly hand: Totals;
  readonly medianBatchRatio: number;
}

async function compare(workload: Workload, synchronous: string): Promise<Comparison> {
  const { WORKFLOWS, BATCH } = sizes(workload);
  const directory = mkdtempSync(join(tmpdir(), 'smf-sqlite-bench-'));
  const runtimeDb = openBenchDatabase(directory, 'runtime.db', synchronous);
  const handDb = openBenchDatabase(directory, 'hand.db', synchronous);
  try {
    createParcelTables(runtimeDb);
    createParcelTables(handDb);
    const runtime = workload.runtime(runtimeDb);
    const hand = workload.hand(handDb);
    await runtime(0, BATCH); // warm-up, not counted
    await hand(0, BATCH);
    const totals = { runtime: { wallMs: 0, cpuMs: 0 }, hand: { wallMs: 0, cpuMs: 0 } };
    const ratios: number[] = [];
    const add = (into: Totals, sample: Sample) => {
      into.wallMs += sample.wallMs;
      into.cpuMs += sample.cpuMs;
    };
    for (let first = BATCH, batch = 0; first < BATCH + WORKFLOWS; first += BATCH, batch++) {
      const count = Math.min(BATCH, BATCH + WORKFLOWS - first);
      const order: [Side, Side] = batch % 2 === 0 ? [runtime, hand] : [hand, runtime];
      const firstSample = await order[0](first, count);
      const secondSample = await order[1](first, count);
      const [r, h] = batch % 2 === 0 ? [firstSample, secondSample] : [secondSample, firstSample];
      add(totals.runtime, r);
      add(totals.hand, h);
      ratios.push(h.wallMs / r.wallMs);
    }
    for (const [side, db] of [
      ['runtime', runtimeDb],
      ['hand-written', handDb],
    ] as const) {
      const completed = workload.done(db);
      if (completed !== BATCH + WORKFLOWS)
        throw new Error(`${side}: only ${completed} orders completed`);
    }
    return { ...totals, medianBatchRatio: median(ratios) };
  } finally {
    runtimeDb.close();
    handDb.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function sizes(workload: Workload) {
  const WORKFLOWS = Math.max(1, Math.round(Number(values.workflows) * workload.share));
  const BATCH = workload.share < 1 ? 1 : Number(values.batch);
  return { WORKFLOWS, BATCH };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

const rows = [
  [
    'workload',
    'synchronous',
    'runtime tr/s',
    'hand-written tr/s',
    'ratio',
    'median batch ratio',
    'CPU µs/transition runtime / hand',
  ],
];
for (const workload of values.workloads.split(',').map((w) => workloadNamed(w.trim()))) {
  const { WORKFLOWS, BATCH } = sizes(workload);
  const transitions = WORKFLOWS * workload.transitionsPerWorkflow;
  const rate = (totals: Totals) => (transitions * 1000) / totals.wallMs;
  const cpu = (totals: Totals) => ((totals.cpuMs * 1000) / transitions).toFixed(1);
  console.log(
    `${workload.name}: ${WORKFLOWS} workflows (${workload.description}) per side in alternating batches of ${BATCH}, WAL journal`,
  );
  for (const synchronous of values.synchronous.split(',').map((s) => s.trim().toUpperCase())) {
    const { runtime, hand, medianBatchRatio } = await compare(workload, synchronous);
    rows.push([
      workload.name,
      synchronous,
      count(rate(runtime)),
      count(rate(hand)),
      percent(rate(runtime) / rate(hand)),
      percent(medianBatchRatio),
      `${cpu(runtime)} / ${cpu(hand)}`,
    ]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
