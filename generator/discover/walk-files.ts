import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Every file below `directory` (sorted, so discovery is deterministic), skipping node_modules. */
export async function walkFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...(await walkFiles(path)));
    } else if (entry.isFile()) {
      files.push(path);
    }
  }
  return files;
}
