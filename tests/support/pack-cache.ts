/**
 * One build-and-pack of the workspaces per state of their sources, shared by the test files that
 * install the packages (they run in parallel): the first to arrive packs into a folder named for
 * the sources' hash while holding a lock; the others wait for its marker and reuse the tarballs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SKIPPED = new Set(['dist', 'node_modules']);
const STALE_LOCK_MS = 10 * 60_000;

async function* filesUnder(directory: string): AsyncGenerator<string> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('tmp-')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** A hash of every file the packages are built from, and of the compiler that builds them. */
export async function sourcesHash(root: string, folders: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(join(root, 'node_modules/typescript/package.json')));
  for (const folder of folders) {
    const files: string[] = [];
    for await (const file of filesUnder(join(root, folder))) files.push(file);
    for (const file of files.toSorted()) {
      hash
        .update(relative(root, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The value `produce` wrote into `folder` (as JSON in its marker), producing it only if no other
 * process has: `produce` receives the empty folder to fill.
 */
export async function cachedInFolder<T>(
  name: string,
  produce: (folder: string) => Promise<T>,
): Promise<T> {
  const folder = join(tmpdir(), name);
  const marker = join(folder, 'done.json');
  const lock = `${folder}.lock`;
  for (;;) {
    if (existsSync(marker)) return JSON.parse(await readFile(marker, 'utf8')) as T;
    try {
      await mkdir(lock);
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(marker)) continue;
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      const value = await produce(folder);
      await writeFile(marker, JSON.stringify(value));
      return value;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
