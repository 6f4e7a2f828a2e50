/**
 * Work shared by the test files that install the packages (they run in parallel): one build and
 * pack per state of the sources, one `npm install` per app manifest. The first to arrive fills a
 * folder named for a hash of its inputs while holding a lock; the others wait for its marker and
 * reuse it. Folders of the same kind left by earlier runs are removed once they are an hour old.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SKIPPED = new Set(['dist', 'node_modules']);
const STALE_LOCK_MS = 10 * 60_000;
const OLD_FOLDER_MS = 60 * 60_000;

/** Removes the folders `prefix*` in the temp directory that nobody has touched for an hour. */
async function pruneOld(prefix: string, keep: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(prefix) || name === keep) continue;
    const path = join(tmpdir(), name);
    const touched = await stat(path).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
    if (Date.now() - touched > OLD_FOLDER_MS) await rm(path, { recursive: true, force: true });
  }
}

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
 * The folder `produce` filled, with the value it returned (kept as JSON in its marker), producing
 * it only if no other process has: `produce` receives the empty folder to fill.
 */
export async function cachedInFolder<T>(
  prefix: string,
  key: string,
  produce: (folder: string) => Promise<T>,
): Promise<{ readonly folder: string; readonly value: T }> {
  const name = `${prefix}${key}`;
  const folder = join(tmpdir(), name);
  const marker = join(folder, 'done.json');
  const lock = `${folder}.lock`;
  for (;;) {
    if (existsSync(marker)) {
      return { folder, value: JSON.parse(await readFile(marker, 'utf8')) as T };
    }
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
      // `?? null`: a producer with nothing to hand back (undefined) still leaves a marker.
      await writeFile(marker, JSON.stringify(value ?? null));
      await pruneOld(prefix, name);
      return { folder, value };
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
