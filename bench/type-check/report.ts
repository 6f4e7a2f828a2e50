import type { CheckCost } from './compilers.js';
import type { ModuleSource } from './generate-module.js';

export interface SizeResult {
  readonly size: number;
  readonly edges: number;
  readonly ours: CheckCost;
  readonly oursDefinition: CheckCost;
  readonly xstate: CheckCost;
}

export interface CompilerResult {
  readonly compiler: string;
  readonly version: string;
  readonly baseline: { readonly ours: CheckCost; readonly xstate: CheckCost };
  readonly sizes: readonly SizeResult[];
}

export interface TypeCheckReport {
  readonly moduleSource: ModuleSource;
  readonly runs: number;
  /** 1-minute load average before and after the measurements. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly compilers: readonly CompilerResult[];
}

const percent = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(2)}%`;
const seconds = (value: number): string => `${value.toFixed(2)}s`;
const count = (value: number): string => value.toLocaleString('en-US');
const factor = (value: number): string => `${value.toFixed(2)}×`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function costTable(result: CompilerResult): string[] {
  const header = [
    'N (edges)',
    'side',
    'Instantiations',
    'Types',
    'Check time',
    'Total time',
    'CPU time',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  const add = (label: string, side: string, cost: CheckCost) =>
    lines.push(
      row([
        label,
        side,
        count(cost.instantiations),
        count(cost.types),
        seconds(cost.checkTime),
        seconds(cost.totalTime),
        seconds(cost.cpuTime),
      ]),
    );
  add('baseline', 'ours (import only)', result.baseline.ours);
  add('baseline', 'XState (import only)', result.baseline.xstate);
  for (const size of result.sizes) {
    const label = `${size.size} (${size.edges})`;
    add(label, 'ours: generated + usage', size.ours);
    add(label, 'XState v5', size.xstate);
    add(label, 'ours: definition file alone', size.oursDefinition);
  }
  return lines;
}

function goalTable(result: CompilerResult): string[] {
  const header = [
    'N',
    'instantiations ours/XState',
    'check time ours/XState',
    'total time ours/XState',
    'CPU time ours/XState',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const { size, ours, xstate } of result.sizes) {
    lines.push(
      row([
        String(size),
        percent(ours.instantiations, xstate.instantiations),
        percent(ours.checkTime, xstate.checkTime),
        percent(ours.totalTime, xstate.totalTime),
        percent(ours.cpuTime, xstate.cpuTime),
      ]),
    );
  }
  return lines;
}

/** Growth from the smallest to the largest size; "net" subtracts the import-only baseline. */
function growthTable(result: CompilerResult): string[] {
  const first = result.sizes[0];
  const last = result.sizes[result.sizes.length - 1];
  if (!first || !last || first === last) return [];
  const ideal = last.size / first.size;
  const header = [
    `growth ${first.size}→${last.size} (linear = ${factor(ideal)})`,
    'ours',
    'XState',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  const grow = (pick: (c: CheckCost) => number, side: 'ours' | 'xstate', net: boolean) => {
    const base = net ? pick(result.baseline[side]) : 0;
    return factor((pick(last[side]) - base) / (pick(first[side]) - base));
  };
  const metrics: readonly [string, (c: CheckCost) => number][] = [
    ['Instantiations', (c) => c.instantiations],
    ['Types', (c) => c.types],
    ['Check time', (c) => c.checkTime],
    ['CPU time', (c) => c.cpuTime],
  ];
  for (const [name, pick] of metrics) {
    lines.push(row([name, grow(pick, 'ours', false), grow(pick, 'xstate', false)]));
    lines.push(
      row([`${name}, net of baseline`, grow(pick, 'ours', true), grow(pick, 'xstate', true)]),
    );
  }
  return lines;
}

export function formatReport(report: TypeCheckReport): string {
  const sections = report.compilers.flatMap((result) => [
    `### ${result.compiler} (${result.version})`,
    '',
    ...costTable(result),
    '',
    ...goalTable(result),
    '',
    ...growthTable(result),
    '',
  ]);
  return [
    `Generated module from: ${report.moduleSource}; times are the median of ${report.runs} runs; 1-minute load average ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after.`,
    '',
    ...sections,
  ].join('\n');
}
