import { resolve } from 'node:path';
import { analyzeWithTsMorph, type Analysis, type Analyzer } from './analyze/analyzer.js';
import { internalErrorDiagnostic } from './diagnostics/internal-error.js';
import { discoverDefinitions, type DiscoveredDefinition } from './discover/discover-definitions.js';
import { emitMachine } from './emit/emit-machine.js';
import type { Formatter } from './format/formatter.js';
import { createFormatter } from './format/worker-formatter.js';
import { outputPathsFor, type DiagramFormat, type OutputLocation } from './outputs/output-paths.js';
import type { DefinitionReport, GenerateReport } from './run/generate-report.js';
import { diagramFormatsFor } from './run/diagram-formats.js';
import { collidingOutputs } from './run/output-collisions.js';
import { cachingSourceReader } from './run/local-imports.js';
import { outputsAreUpToDate, stampOf } from './run/up-to-date.js';
import type { GeneratedStamp } from './outputs/generated-header.js';
import { checkOutputs } from './write/check-outputs.js';
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

interface Pending {
  readonly definition: DiscoveredDefinition;
  readonly location: OutputLocation;
  /** Asked for with `--diagram`, or already beside the module. */
  readonly diagrams: readonly DiagramFormat[];
  /** The module first, then the diagrams. */
  readonly outputPaths: readonly string[];
  readonly stamp: GeneratedStamp;
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
      stamp: pending.stamp,
      format: (text, outputFile) => formatter.format(text, outputFile),
      diagrams: pending.diagrams,
    });
  } catch (error) {
    return { file, diagnostics: [internalErrorDiagnostic(file, error)], outputs: [] };
  }
  const outputs = options.check
    ? await checkOutputs(files, pending.stamp)
    : await writeOutputs(files);
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
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const discovery = await discoverDefinitions(options.cwd, options.paths ?? []);
  if (discovery.problems.length > 0) return { usageErrors: discovery.problems, definitions: [] };
  const outDir = options.outDir === undefined ? undefined : resolve(options.cwd, options.outDir);
  const planned = await Promise.all(
    discovery.definitions.map(async (definition) => {
      const location = { definitionFile: definition.file, root: definition.root, outDir };
      const diagrams = await diagramFormatsFor(location, options.diagram);
      return { definition, location, diagrams, outputPaths: outputPathsFor(location, diagrams) };
    }),
  );
  const collisions = collidingOutputs(
    planned.map((item) => ({
      definitionFile: item.definition.file,
      outputPaths: item.outputPaths,
    })),
    options.cwd,
  );
  if (collisions.length > 0) return { usageErrors: collisions, definitions: [] };

  const read = cachingSourceReader();
  const items: Pending[] = await Promise.all(
    planned.map(async (item) => ({ ...item, stamp: await stampOf(item.definition.file, read) })),
  );

  const reports = new Map<string, DefinitionReport>();
  const pending: Pending[] = [];
  for (const item of items) {
    const { file } = item.definition;
    if (
      !options.check &&
      !options.force &&
      (await outputsAreUpToDate(item.outputPaths, item.stamp))
    ) {
      const outputs = item.outputPaths.map((path) => ({ path, status: 'up-to-date' as const }));
      reports.set(file, { file, diagnostics: [], outputs });
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
