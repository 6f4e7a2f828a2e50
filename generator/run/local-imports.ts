import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { isGeneratedOutput } from '../outputs/output-paths.js';
import type { LocalModuleText } from '../outputs/source-hash.js';

/** A file's text without a byte-order mark, or undefined when it cannot be read as a file. */
export type ReadSource = (path: string) => Promise<string | undefined>;

/** Reads each file once per run: definitions often share a models file. */
export function cachingSourceReader(): ReadSource {
  const texts = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = readFile(path, 'utf8').then(
        (content) => content.replace(/^\uFEFF/, ''),
        () => undefined,
      );
      texts.set(path, text);
    }
    return text;
  };
}

/**
 * Relative specifiers of imports, re-exports, `import('...')` types and `require('...')`, found
 * by pattern rather than parsed: one in a comment or a string only adds a file to the hash.
 */
const RELATIVE_SPECIFIER =
  /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"])(\.\.?(?:\/[^'"\r\n]*)?)\1/g;

function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(RELATIVE_SPECIFIER)].flatMap((match) => match[2] ?? []);
}

const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.d.ts', '.js'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.d.mts', '.mjs'],
  '.cjs': ['.cts', '.d.cts', '.cjs'],
};
const NO_EXTENSION = ['', '.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx', '/index.d.ts'];

/** The files TypeScript would try for a relative specifier, most likely first. */
function candidatePaths(fromFile: string, specifier: string): string[] {
  const base = join(dirname(fromFile), specifier);
  const extension = /\.[cm]?jsx?$/.exec(specifier)?.[0];
  if (extension === undefined) return NO_EXTENSION.map((suffix) => base + suffix);
  const stem = base.slice(0, -extension.length);
  return (JS_TO_TS[extension] ?? [extension]).map((suffix) => stem + suffix);
}

/**
 * Not hashed: the definition itself (imported back through a cycle), files under node_modules,
 * and generated modules, whose header holds the hash (a models file may import types from one).
 */
function isLocalSource(path: string, definitionFile: string): boolean {
  return (
    path !== definitionFile && !path.split(sep).includes('node_modules') && !isGeneratedOutput(path)
  );
}

/**
 * The local modules a definition imports, directly or through each other, sorted by path. These
 * are where its model types live, so a change to one can change the generated module or make the
 * definition invalid. Package imports are not followed: their version is not part of the stamp.
 */
export async function localModulesOf(
  definitionFile: string,
  definitionText: string,
  read: ReadSource,
): Promise<LocalModuleText[]> {
  const found = new Map<string, string>();
  const pending = [{ file: definitionFile, text: definitionText }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const specifier of relativeSpecifiers(next.text)) {
      for (const candidate of candidatePaths(next.file, specifier)) {
        if (!isLocalSource(candidate, definitionFile) || found.has(candidate)) break;
        const text = await read(candidate);
        if (text === undefined) continue;
        found.set(candidate, text);
        pending.push({ file: candidate, text });
        break;
      }
    }
  }
  const folder = dirname(definitionFile);
  return [...found]
    .map(([path, text]) => ({ path: relative(folder, path).split(sep).join('/'), text }))
    .toSorted((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
