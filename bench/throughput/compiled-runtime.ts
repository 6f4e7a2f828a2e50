import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

function newestMtime(dir: string, suffix: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
    if (entry.parentPath.split(sep).includes('dist')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The benchmark runs the runtime as users do, compiled: `state-machine-framework` resolves to
 * runtime/dist under Node (tsx would otherwise transpile the sources with esbuild's keep-names
 * helpers, which cost several percent per transition). Refuse stale output so the figures are
 * those of the current sources.
 */
export function assertCompiledRuntimeIsFresh(repoRoot: string): void {
  const compiled = join(repoRoot, 'runtime/dist');
  let compiledAt: number;
  try {
    compiledAt = statSync(join(compiled, 'index.js')).mtimeMs;
  } catch {
    throw new Error('runtime/dist/index.js is missing: run `npm run build` first');
  }
  if (newestMtime(join(repoRoot, 'runtime'), '.ts') > compiledAt) {
    throw new Error('runtime/dist is older than runtime/: run `npm run build` first');
  }
}
