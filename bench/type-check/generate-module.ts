import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fallbackGeneratedModule } from './fallback-generated-module.js';
import { DEFINITION_FILE, GENERATED_FILE } from './ours-sources.js';
import type { SyntheticGraph } from './synthetic-graph.js';

export type ModuleSource = 'smf-gen' | 'stand-in';

export const generatorCli = (repoRoot: string): string => join(repoRoot, 'dist/generator/cli.js');

/**
 * Produces `bench.machine.gen.ts` in `dir`: with the built `smf-gen` when it exists, otherwise
 * (unless `requireGenerator`) with the local stand-in that writes the same contract shape.
 */
export function generateModule(
  repoRoot: string,
  dir: string,
  graph: SyntheticGraph,
  requireGenerator: boolean,
): ModuleSource {
  const cli = generatorCli(repoRoot);
  if (existsSync(cli)) {
    try {
      execFileSync('node', [cli, dir], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`smf-gen failed on ${dir}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, {
        cause: error,
      });
    }
    if (!existsSync(join(dir, GENERATED_FILE)))
      throw new Error(`smf-gen wrote no ${GENERATED_FILE} in ${dir}`);
    return 'smf-gen';
  }
  if (requireGenerator) throw new Error(`${cli} does not exist; run \`npm run build\` first`);
  const definition = readFileSync(join(dir, DEFINITION_FILE), 'utf8');
  writeFileSync(join(dir, GENERATED_FILE), fallbackGeneratedModule(graph, definition));
  return 'stand-in';
}
