/**
 * Summarises a V8 CPU profile (from `runtime-throughput.ts --profile`): the functions with the
 * most self time and the most total time. Run: `npx tsx bench/profile-summary.ts <file.cpuprofile>
 * [--top 25] [--lines <path part>] [--parts]`; `--lines` adds the hottest source lines of matching
 * files; `--parts` groups the time by what the work is for (see `PARTS`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    lines: { type: 'string' },
    parts: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const top = Number(values.top);

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url;
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  all += delta;
  const node = byId.get(id);
  if (!node) return;
  self.set(label(node), (self.get(label(node)) ?? 0) + delta);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at) ?? node);
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + delta);
  }
});

function print(title: string, table: Map<string, number>): void {
  process.stdout.write(`\n${title}\n`);
  const rows = [...table].toSorted((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, micros] of rows) {
    process.stdout.write(`${((micros / all) * 100).toFixed(1).padStart(6)}%  ${name}\n`);
  }
}

process.stdout.write(`${file}: ${(all / 1e6).toFixed(2)} s sampled\n`);
print('self time', self);
print('total time (each function once per sample)', total);

/** Self-time ticks per source line, for files whose path contains `part`. */
function printLines(part: string): void {
  const ticks = new Map<string, number>();
  let sum = 0;
  for (const node of profile.nodes) {
    if (!node.callFrame.url.includes(part)) continue;
    for (const tick of node.positionTicks ?? []) {
      const key = `${label(node).split(' ').at(-1)?.replace(/:\d+$/, '')}:${tick.line}`;
      ticks.set(key, (ticks.get(key) ?? 0) + tick.ticks);
      sum += tick.ticks;
    }
  }
  process.stdout.write(
    `\nhottest lines in files matching '${part}' (share of their ${sum} ticks)\n`,
  );
  for (const [line, n] of [...ticks].toSorted((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((n / sum) * 100).toFixed(1).padStart(6)}%  ${line}\n`);
  }
}

if (values.lines !== undefined) printLines(values.lines);

/**
 * What each runtime file's work is for, in the order of one transition. A sample counts for the
 * first frame, from the leaf up, whose file is listed; deep-copy.js and the clocks are not
 * listed, so a copy counts for whoever copies and a clock read for whoever reads it.
 */
const PARTS: readonly (readonly [part: string, files: readonly string[]])[] = [
  ['garbage collector', ['(garbage collector)']],
  ['user handlers (validator, hook)', ['bench/workloads/']],
  ['adapter: row operations, savepoints, SQL', ['runtime/dist/adapters/', 'better-sqlite3']],
  ['checkLegality, prepareData (data checked and copied)', ['transition-data.js']],
  ['save and snapshot for rollback (rows, context)', ['workflow-save.js', 'context-snapshot.js']],
  ['read-only views for validators', ['read-only-view.js']],
  ['writeState: compare-and-set plan, row merge', ['state-write.js', 'own-fields.js']],
  [
    'step sequence, handler calls, history entry, afterCommit queue',
    [
      'transition-steps.js',
      'step-driver.js',
      'transition.js',
      'savepoint.js',
      'handler-call.js',
      'handlers.js',
    ],
  ],
  [
    'transitionTo: handle, one promise per call',
    ['workflow.js', 'workflow-handle.js', 'tracked-transition.js'],
  ],
  [
    'run/load: context, start, commit',
    [
      'workflow-shell.js',
      'workflow-start.js',
      'machine.js',
      'context-input.js',
      'context-object.js',
      'workflow-options.js',
      'after-commit.js',
      'retry.js',
    ],
  ],
  ['XState', ['node_modules/xstate/']],
  ['benchmark loop', ['bench/']],
];

function partOf(sampleId: number): string {
  for (let at: number | undefined = sampleId; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at);
    if (!node) break;
    const where = node.callFrame.url || node.callFrame.functionName;
    for (const [part, files] of PARTS) {
      if (files.some((path) => where.includes(path))) return part;
    }
  }
  return 'other (startup, idle, Node)';
}

if (values.parts) {
  const byPart = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = partOf(id);
    byPart.set(part, (byPart.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  print('by part', byPart);
}
