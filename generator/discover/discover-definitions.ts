import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { globToRegExp, isGlob, splitGlob } from './glob-pattern.js';
import { walkFiles } from './walk-files.js';

export const DEFINITION_PATTERN = /\.machine\.ts$/;

export interface DiscoveredDefinition {
  /** Absolute path of the `*.machine.ts` file. */
  readonly file: string;
  /** The folder of the path argument it came from; `--out-dir` keeps the layout below it. */
  readonly root: string;
}

export interface Discovery {
  readonly definitions: readonly DiscoveredDefinition[];
  /** Usage problems: paths that do not exist, files that are not definitions, nothing found. */
  readonly problems: readonly string[];
}

async function kindOf(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function definitionsIn(directory: string): Promise<string[]> {
  return (await walkFiles(directory)).filter((file) => DEFINITION_PATTERN.test(file));
}

async function definitionsMatching(cwd: string, pattern: string): Promise<DiscoveredDefinition[]> {
  const { base, rest } = splitGlob(pattern.split(sep).join('/'));
  const root = resolve(cwd, base);
  if ((await kindOf(root)) !== 'directory') return [];
  const matcher = globToRegExp(rest);
  return (await definitionsIn(root))
    .filter((file) => matcher.test(relative(root, file).split(sep).join('/')))
    .map((file) => ({ file, root }));
}

async function discoverOne(
  cwd: string,
  argument: string,
): Promise<DiscoveredDefinition[] | string> {
  const path = resolve(cwd, argument);
  const kind = await kindOf(path);
  if (kind === 'directory')
    return (await definitionsIn(path)).map((file) => ({ file, root: path }));
  if (kind === 'file') {
    if (!DEFINITION_PATTERN.test(path))
      return `${argument} is not a definition file (*.machine.ts)`;
    return [{ file: path, root: resolve(path, '..') }];
  }
  if (!isGlob(argument)) return `no such file or directory: ${argument}`;
  const matches = await definitionsMatching(cwd, argument);
  return matches.length > 0 ? matches : `no definition file matches ${argument}`;
}

/** Path arguments (files, folders, globs; none = the current folder) → definition files. */
export async function discoverDefinitions(
  cwd: string,
  paths: readonly string[],
): Promise<Discovery> {
  const argumentsOrCwd = paths.length === 0 ? ['.'] : paths;
  const seen = new Set<string>();
  const definitions: DiscoveredDefinition[] = [];
  const problems: string[] = [];
  for (const argument of argumentsOrCwd) {
    const found = await discoverOne(cwd, argument);
    if (typeof found === 'string') {
      problems.push(found);
      continue;
    }
    for (const definition of found) {
      if (seen.has(definition.file)) continue;
      seen.add(definition.file);
      definitions.push(definition);
    }
  }
  if (problems.length === 0 && definitions.length === 0) {
    problems.push(`no definition files (*.machine.ts) found in ${argumentsOrCwd.join(', ')}`);
  }
  return { definitions, problems };
}
