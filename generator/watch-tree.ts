import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

async function foldersBelow(root: string): Promise<string[]> {
  const folders = [root];
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      folders.push(...(await foldersBelow(join(root, entry.name))));
    }
  }
  return folders;
}

/**
 * Watches every folder below the roots, one non-recursive watcher each, so node_modules is never
 * watched (a recursive watch of a project root would register thousands of them). `refresh`
 * picks up folders created or removed since.
 */
export class TreeWatcher {
  readonly #watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly roots: readonly string[],
    private readonly onChange: (path: string) => void,
  ) {}

  async refresh(): Promise<void> {
    const wanted = new Set((await Promise.all(this.roots.map(foldersBelow))).flat());
    for (const [folder, watcher] of this.#watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        this.#watchers.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (this.#watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          this.onChange(name === null ? folder : join(folder, name.toString()));
        });
        watcher.on('error', () => undefined);
        this.#watchers.set(folder, watcher);
      } catch {
        // the folder vanished between listing and watching; the next refresh settles it
      }
    }
  }

  close(): void {
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }
}
