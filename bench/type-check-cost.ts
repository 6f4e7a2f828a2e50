/**
 * Type-check cost of the generated module + a usage file vs the same machine in XState v5 (goal:
 * at 800 states, ≤ 1% of XState's instantiations and ≤ 25% of its check time, growing linearly
 * with size). Run: `npx tsx bench/type-check-cost.ts [--sizes 200,400,800] [--runs 3]
 * [--require-cli]`. Writes bench/out/type-check-cost.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compilersIn, measure, type Compiler } from './type-check/compilers.js';
import { generateModule, type ModuleSource } from './type-check/generate-module.js';
import { formatReport, type CompilerResult, type TypeCheckReport } from './type-check/report.js';
import { edgeCount, syntheticGraph, type SyntheticGraph } from './type-check/synthetic-graph.js';
import {
  PROJECT,
  writeBaselineWorkspace,
  writeSizeWorkspace,
  type SizeWorkspace,
} from './type-check/workspace.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = join(repoRoot, 'bench/out');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,400,800' },
    runs: { type: 'string', default: '3' },
    'require-cli': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

interface PreparedSize {
  readonly graph: SyntheticGraph;
  readonly workspace: SizeWorkspace;
}

async function prepare(): Promise<{
  prepared: PreparedSize[];
  baseline: SizeWorkspace;
  source: ModuleSource;
}> {
  const root = join(outRoot, 'type-check');
  const baseline = writeBaselineWorkspace(join(root, 'baseline'));
  const sources = new Set<ModuleSource>();
  const prepared: PreparedSize[] = [];
  for (const size of sizes) {
    const graph = syntheticGraph(size);
    const workspace = writeSizeWorkspace(join(root, `n${size}`), graph);
    sources.add(await generateModule(repoRoot, workspace.oursDir, graph, values['require-cli']));
    prepared.push({ graph, workspace });
  }
  const [source] = sources;
  if (!source || sources.size > 1) throw new Error('every size must use the same module source');
  return { prepared, baseline, source };
}

function versionOf(compiler: Compiler): string {
  const [file, ...args] = compiler.command;
  return execFileSync(file, [...args, '--version'], { encoding: 'utf8' }).trim();
}

function measureCompiler(
  compiler: Compiler,
  prepared: readonly PreparedSize[],
  baseline: SizeWorkspace,
): CompilerResult {
  const at = (dir: string, project: string) => {
    process.stderr.write(`${compiler.label}: ${dir.slice(outRoot.length + 1)}/${project}\n`);
    return measure(compiler, join(dir, project), runs);
  };
  return {
    compiler: compiler.label,
    version: versionOf(compiler),
    baseline: {
      ours: at(baseline.oursDir, PROJECT.ours),
      xstate: at(baseline.xstateDir, PROJECT.xstate),
    },
    sizes: prepared.map(({ graph, workspace }) => ({
      size: graph.states.length,
      edges: edgeCount(graph),
      ours: at(workspace.oursDir, PROJECT.ours),
      oursDefinition: at(workspace.oursDir, PROJECT.oursDefinition),
      xstate: at(workspace.xstateDir, PROJECT.xstate),
    })),
  };
}

const { prepared, baseline, source } = await prepare();
const before = loadavg()[0] ?? 0;
const compilers = compilersIn(repoRoot).map((compiler) =>
  measureCompiler(compiler, prepared, baseline),
);
const report: TypeCheckReport = {
  moduleSource: source,
  runs,
  loadAverage: { before, after: loadavg()[0] ?? 0 },
  compilers,
};
mkdirSync(outRoot, { recursive: true });
writeFileSync(join(outRoot, 'type-check-cost.json'), `${JSON.stringify(report, null, 2)}\n`);
const markdown = formatReport(report);
writeFileSync(join(outRoot, 'type-check-cost.md'), `${markdown}\n`);
process.stdout.write(`${markdown}\n`);
