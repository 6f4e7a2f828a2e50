import { median } from '../statistics.js';
import type { BatchPlan, SideResult } from './batches.js';
import { SIDE_LABELS, type SideName } from './sides.js';

export interface SideFigures {
  readonly side: SideName;
  readonly workflowsPerSecond: number;
  readonly cpuMicrosPerWorkflow: number;
  /** Rate over the reference side's, from the totals and as the median of per-batch ratios. */
  readonly vsHand: { readonly total: number; readonly medianBatch: number } | undefined;
  readonly vsPg: { readonly total: number; readonly medianBatch: number } | undefined;
  readonly roundTripsPerWorkflow: number;
  readonly statementsPerWorkflow: number;
  readonly trace: readonly string[];
}

const totalWall = (r: SideResult) => r.samples.reduce((sum, s) => sum + s.wallMs, 0);
const totalCpu = (r: SideResult) => r.samples.reduce((sum, s) => sum + s.cpuMs, 0);

function versus(side: SideResult, reference: SideResult | undefined) {
  if (reference === undefined) return undefined;
  return {
    total: totalWall(reference) / totalWall(side),
    medianBatch: median(side.samples.map((s, i) => (reference.samples[i]?.wallMs ?? 0) / s.wallMs)),
  };
}

export function figures(
  results: ReadonlyMap<SideName, SideResult>,
  plan: BatchPlan,
): SideFigures[] {
  const measured = plan.clients * plan.perClient * plan.batches;
  return [...results].map(([side, result]) => ({
    side,
    workflowsPerSecond: (measured * 1000) / totalWall(result),
    cpuMicrosPerWorkflow: (totalCpu(result) * 1000) / measured,
    vsHand: versus(result, results.get('hand')),
    vsPg: versus(result, results.get('pg')),
    roundTripsPerWorkflow: result.roundTrips / measured,
    statementsPerWorkflow: result.statements / measured,
    trace: result.trace,
  }));
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
const ratio = (r: SideFigures['vsHand']) =>
  r === undefined ? '—' : `${percent(r.total)} (${percent(r.medianBatch)})`;
const fixed = (n: number, digits = 2) => n.toFixed(digits).replace(/\.?0+$/, '');

/** The comparison as an aligned text table. */
export function formatTable(rows: readonly SideFigures[], transitions: number): string {
  const lines = [
    [
      'side',
      'workflows/s',
      'vs hand-written (median batch)',
      'vs PgAdapter (median batch)',
      'CPU µs/workflow',
      'round trips/workflow (/transition)',
      'statements/workflow',
    ],
    ...rows.map((r) => [
      SIDE_LABELS[r.side],
      count(r.workflowsPerSecond),
      ratio(r.vsHand),
      ratio(r.vsPg),
      r.cpuMicrosPerWorkflow.toFixed(0),
      `${fixed(r.roundTripsPerWorkflow)} (${fixed(r.roundTripsPerWorkflow / transitions)})`,
      fixed(r.statementsPerWorkflow),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  return lines
    .map((line) =>
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}
