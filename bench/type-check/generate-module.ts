import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fallbackGeneratedModule } from './fallback-generated-module.js';
import { DEFINITION_FILE, GENERATED_FILE } from './ours-sources.js';
import type { SyntheticGraph } from './synthetic-graph.js';

/** Which tool wrote the measured module: results.md must come from `smf-gen-cli`. */
export type ModuleSource = 'smf-gen-cli' | 'smf-gen-api' | 'stand-in';

const cliPath = (repoRoot: string): string => join(repoRoot, 'generator/bin/smf-gen.js');
const apiPath = (repoRoot: string): string => join(repoRoot, 'generator/dist/generator/run.js');

function failure(error: unknown): string {
  const failed = error as { stdout?: string; stderr?: string; message?: string };
  return `${failed.stdout ?? ''}${failed.stderr ?? ''}` || String(failed.message);
}

function runCli(repoRoot: string, dir: string): string | undefined {
  try {
    execFileSync('node', [cliPath(repoRoot), dir], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return failure(error);
  }
}

interface GenerateApi {
  generate(options: { cwd: string; paths: readonly string[] }): Promise<{
    usageErrors: readonly string[];
    definitions: readonly { diagnostics: readonly { message: string }[] }[];
  }>;
}

async function runApi(repoRoot: string, dir: string): Promise<void> {
  const api = (await import(pathToFileURL(apiPath(repoRoot)).href)) as GenerateApi;
  const report = await api.generate({ cwd: repoRoot, paths: [dir] });
  const problems = [
    ...report.usageErrors,
    ...report.definitions.flatMap((d) => d.diagnostics.map((x) => x.message)),
  ];
  if (problems.length > 0)
    throw new Error(`smf-gen (API) failed on ${dir}:\n${problems.join('\n')}`);
}

/**
 * Produces `bench.machine.gen.ts` in `dir` with the real generator: the built CLI, or — while the
 * CLI cannot take the folder yet — the built `generate()` it wraps. Without a build, and unless
 * `requireCli`, the local stand-in writes the same contract shape so the benchmark still runs.
 */
export async function generateModule(
  repoRoot: string,
  dir: string,
  graph: SyntheticGraph,
  requireCli: boolean,
): Promise<ModuleSource> {
  const generated = join(dir, GENERATED_FILE);
  const cliProblem = existsSync(cliPath(repoRoot))
    ? runCli(repoRoot, dir)
    : `${cliPath(repoRoot)} does not exist (run \`npm run build\`)`;
  if (cliProblem === undefined && existsSync(generated)) return 'smf-gen-cli';
  const problem = cliProblem ?? `smf-gen wrote no ${GENERATED_FILE} in ${dir}`;
  if (requireCli) throw new Error(problem);
  process.stderr.write(`smf-gen CLI unusable, falling back: ${problem.trim()}\n`);
  if (existsSync(apiPath(repoRoot))) {
    await runApi(repoRoot, dir);
    if (existsSync(generated)) return 'smf-gen-api';
  }
  const definition = readFileSync(join(dir, DEFINITION_FILE), 'utf8');
  writeFileSync(generated, fallbackGeneratedModule(graph, definition));
  return 'stand-in';
}
