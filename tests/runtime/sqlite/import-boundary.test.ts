import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const runtimeDir = resolve(import.meta.dirname, '../../../runtime');

/** Every file `entry` reaches through relative imports, type-only ones included. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      visit(resolve(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('better-sqlite3 stays behind the opt-in subpath', () => {
  it('the package entry (runtime/index.ts) never reaches the SQLite adapter or better-sqlite3', () => {
    const files = [...reachable(resolve(runtimeDir, 'index.ts'))];
    expect(files.filter((f) => relative(runtimeDir, f).startsWith('adapters/sqlite'))).toEqual([]);
    expect(files.filter((f) => readFileSync(f, 'utf8').includes("'better-sqlite3'"))).toEqual([]);
  });

  it('the subpath does import it (so the check above is looking at the right thing)', () => {
    const files = [...reachable(resolve(runtimeDir, 'adapters/sqlite.ts'))];
    expect(files.some((f) => readFileSync(f, 'utf8').includes("from 'better-sqlite3'"))).toBe(true);
  });
});
