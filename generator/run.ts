import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { analyzeWithTsMorph, type Analysis, type Analyzer } from './analyze/analyzer.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { discoverDefinitions, type DiscoveredDefinition } from './discover/discover-definitions.js';
import { emitMachine } from './emit/emit-machine.js';
import type { Formatter } from './format/formatter.js';
import type { GeneratedStamp } from './outputs/generated-header.js';
import { createFormatter } from './format/worker-formatter.js';
import { outputPathsFor, type DiagramFormat, type OutputLocation } from './outputs/output-paths.js';
import { sourceHash } from './outputs/source-hash.js';
import { GENERATOR_VERSION } from './generator-version.js';
import { checkOutputs } from './write/check-outputs.js';
import { outputsCarryStamp } from './write/read-output-stamps.js';
import { writeOutputs } from './write/write-outputs.js';

export interface GenerateOptions {
  /** Paths and `--out-dir` are resolved against it. */
  readonly cwd: string;
  /** Files, folders or globs; none = `cwd`. */
  readonly paths?: readonly string[] | undefined;
  /** Write nothing; report missing and stale outputs. */
  readonly check?: boolean | undefined;
  readonly outDir?: string | undefined;
  readonly diagram?: DiagramFormat | undefined;
  /** Regenerate even when an output's header says it is up to date. */
  readonly force?: boolean | undefined;
  /** Parse + model; the ts-morph stages unless a test supplies models directly. */
  readonly analyzer?: Analyzer | undefined;
  /** Prettier (in a worker thread when built) unless a test supplies its own. */
  readonly createFormatter?: (() => Formatter) | undefined;
}

/**
 * `written`/`unchanged`: emitted and compared with the file. `up-to-date`: skipped before any
 * emitting because the header already carries this source hash and generator version.
 * `current`/`stale`/`missing`: `--check` results.
 */
export type OutputStatus = 'written' | 'unchanged' | 'up-to-date' | 'current' | 'stale' | 'missing';

export interface OutputReport {
  readonly path: string;
  readonly status: OutputStatus;
}

export interface DefinitionReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Empty when the definition has errors: nothing is written for it. */
  readonly outputs: readonly OutputReport[];
}

export interface GenerateReport {
  /** Bad path arguments; nothing was generated. */
  readonly usageErrors: readonly string[];
  readonly definitions: readonly DefinitionReport[];
}

export const INTERNAL_ERROR_CODE = 'SMF900';

function internalDiagnostic(file: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR_CODE,
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message: `internal error while generating this definition: ${reason}`,
  };
}

interface Pending {
  readonly definition: DiscoveredDefinition;
  readonly location: OutputLocation;
}

async function isUpToDate(pending: Pending, options: GenerateOptions): Promise<boolean> {
  // The parse stage (ts-morph) drops a byte-order mark, so the header hash is of the text without it.
  const text = (await readFile(pending.definition.file, 'utf8')).replace(/^\uFEFF/, '');
  const stamp: GeneratedStamp = {
    sourceHash: sourceHash(text),
    generatorVersion: GENERATOR_VERSION,
  };
  return outputsCarryStamp(outputPathsFor(pending.location, options.diagram), stamp);
}

/**
 * Analyses synchronously (ts-morph) and only then awaits, so calling it for each definition in a
 * loop analyses them one after another while the formatter works on the finished ones.
 */
async function generateOne(
  pending: Pending,
  analyze: (file: string) => Analysis,
  formatter: Formatter,
  options: GenerateOptions,
): Promise<DefinitionReport> {
  const { file } = pending.definition;
  let analysis: Analysis;
  let files: ReadonlyMap<string, string>;
  try {
    analysis = analyze(file);
    const hasErrors = analysis.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    if (hasErrors) return { file, diagnostics: analysis.diagnostics, outputs: [] };
    if (analysis.model === undefined) {
      throw new Error('the model stage returned no model and no error');
    }
    files = await emitMachine(analysis.model, {
      location: pending.location,
      generatorVersion: GENERATOR_VERSION,
      format: (text, outputFile) => formatter.format(text, outputFile),
      diagram: options.diagram,
    });
  } catch (error) {
    return { file, diagnostics: [internalDiagnostic(file, error)], outputs: [] };
  }
  const outputs = options.check ? await checkOutputs(files) : await writeOutputs(files);
  return { file, diagnostics: analysis.diagnostics, outputs };
}

async function generatePending(
  pending: readonly Pending[],
  options: GenerateOptions,
): Promise<DefinitionReport[]> {
  // Started first, so prettier loads in its thread while ts-morph loads in this one.
  const formatter = (options.createFormatter ?? createFormatter)();
  try {
    const analyze = await (options.analyzer ?? analyzeWithTsMorph)(
      pending.map((item) => item.definition.file),
    );
    return await Promise.all(pending.map((item) => generateOne(item, analyze, formatter, options)));
  } finally {
    await formatter.close();
  }
}

/** discover → parse → model → emit → write, for the CLI and for tests. */
/** Two definitions that would write the same file (same name below different `--out-dir` roots). */
function collidingOutputs(items: readonly Pending[], options: GenerateOptions): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const item of items) {
    for (const path of outputPathsFor(item.location, options.diagram)) {
      const owner = owners.get(path);
      if (owner === undefined) owners.set(path, item.definition.file);
      else {
        const shown = (file: string) => relative(options.cwd, file);
        problems.push(
          `${shown(owner)} and ${shown(item.definition.file)} would both write ${shown(path)}`,
        );
      }
    }
  }
  return problems;
}

/** discover → parse → model → emit → write, for the CLI and for tests. */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const discovery = await discoverDefinitions(options.cwd, options.paths ?? []);
  if (discovery.problems.length > 0) return { usageErrors: discovery.problems, definitions: [] };
  const outDir = options.outDir === undefined ? undefined : resolve(options.cwd, options.outDir);
  const items: Pending[] = discovery.definitions.map((definition) => ({
    definition,
    location: { definitionFile: definition.file, root: definition.root, outDir },
  }));
  const collisions = collidingOutputs(items, options);
  if (collisions.length > 0) return { usageErrors: collisions, definitions: [] };

  const reports = new Map<string, DefinitionReport>();
  const pending: Pending[] = [];
  for (const item of items) {
    if (!options.check && !options.force && (await isUpToDate(item, options))) {
      const outputs = outputPathsFor(item.location, options.diagram).map((path) => ({
        path,
        status: 'up-to-date' as const,
      }));
      reports.set(item.definition.file, { file: item.definition.file, diagnostics: [], outputs });
    } else {
      pending.push(item);
    }
  }

  if (pending.length > 0) {
    for (const report of await generatePending(pending, options)) reports.set(report.file, report);
  }
  return {
    usageErrors: [],
    definitions: discovery.definitions.flatMap((definition) => reports.get(definition.file) ?? []),
  };
}

/** 0 ok (warnings allowed), 1 definition errors or stale/missing output, 2 usage errors. */
export function exitCodeOf(report: GenerateReport): 0 | 1 | 2 {
  if (report.usageErrors.length > 0) return 2;
  const failed = report.definitions.some(
    (definition) =>
      definition.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ||
      definition.outputs.some((output) => output.status === 'stale' || output.status === 'missing'),
  );
  return failed ? 1 : 0;
}
