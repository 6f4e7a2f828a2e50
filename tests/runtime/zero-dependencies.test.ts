import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const runtimeDir = resolve(import.meta.dirname, '../../runtime');
/**
 * Opt-in adapter subpaths may import the driver they adapt (and, running only where that driver
 * does, Node's built-ins); nothing else may leave runtime/.
 */
const allowedDrivers: [prefix: string, driver: string | RegExp][] = [
  ['adapters/sqlite', 'better-sqlite3'],
  ['adapters/sqlite', /^node:/],
  // Each server adapter may import its own driver (an optional peer dependency) and nothing else.
  ['adapters/pg', 'pg'],
  ['adapters/kysely', 'kysely'],
  ['adapters/drizzle', /^drizzle-orm(\/|$)|^better-sqlite3$/],
  // Used by the server adapters only (pg, kysely, drizzle), never by the runtime core.
  ['adapters/async-transaction-scope', 'node:async_hooks'],
];
const mayImport = (file: string, specifier: string) =>
  allowedDrivers.some(
    ([prefix, driver]) =>
      file.startsWith(prefix) &&
      (typeof driver === 'string' ? specifier === driver : driver.test(specifier)),
  );

/** The runtime's sources: not its build (dist/) nor anything npm links into the workspace. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !/^(dist|node_modules)\//.test(relative(dir, file)));
}

describe('the runtime', () => {
  it('imports nothing outside runtime/ (no dependencies, never the generator)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(runtimeDir)) {
      const name = relative(runtimeDir, file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
      )) {
        const specifier = match[1] ?? match[2] ?? '';
        if (specifier.startsWith('.')) {
          const target = resolve(file, '..', specifier);
          if (!target.startsWith(runtimeDir)) offenders.push(`${name}: ${specifier}`);
        } else if (!mayImport(name, specifier)) {
          offenders.push(`${name}: ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('declares no dependencies in its package manifest', () => {
    const manifest = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['sideEffects']).toBe(false);
    expect(Object.keys(manifest['peerDependenciesMeta'] ?? {}).toSorted()).toEqual(
      Object.keys(manifest['peerDependencies'] ?? {}).toSorted(),
    );
  });
});
