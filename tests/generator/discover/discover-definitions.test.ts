import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverDefinitions } from '../../../generator/discover/discover-definitions.js';
import { globToRegExp, splitGlob } from '../../../generator/discover/glob-pattern.js';

let root: string;
const FILES = [
  'a.machine.ts',
  'models.ts',
  'src/b.machine.ts',
  'src/deep/c.machine.ts',
  'src/deep/c.machine.gen.ts',
  'src/deep/notes.md',
  'node_modules/pkg/d.machine.ts',
  'src/node_modules/e.machine.ts',
  'other/f.machine.ts',
];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'smf-discover-'));
  for (const file of FILES) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), '');
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const files = async (paths: string[]) => {
  const discovery = await discoverDefinitions(root, paths);
  return {
    files: discovery.definitions.map((definition) => definition.file.slice(root.length + 1)),
    roots: discovery.definitions.map((definition) => definition.root.slice(root.length + 1)),
    problems: discovery.problems,
  };
};

describe('discoverDefinitions', () => {
  it('searches the current folder recursively when no path is given, skipping node_modules', async () => {
    expect((await files([])).files).toEqual([
      'a.machine.ts',
      'other/f.machine.ts',
      'src/b.machine.ts',
      'src/deep/c.machine.ts',
    ]);
  });

  it('searches a folder argument and roots its definitions there', async () => {
    expect(await files(['src'])).toEqual({
      files: ['src/b.machine.ts', 'src/deep/c.machine.ts'],
      roots: ['src', 'src'],
      problems: [],
    });
  });

  it('takes files, folders and globs together, each definition once', async () => {
    const found = await files(['src/b.machine.ts', 'src', 'other/*.machine.ts']);
    expect(found.files).toEqual([
      'src/b.machine.ts',
      'src/deep/c.machine.ts',
      'other/f.machine.ts',
    ]);
    expect(found.roots).toEqual(['src', 'src', 'other']);
  });

  it('matches globs with ** and braces below their static base', async () => {
    expect((await files(['src/**/*.machine.ts'])).files).toEqual([
      'src/b.machine.ts',
      'src/deep/c.machine.ts',
    ]);
    expect((await files(['{src,other}/*.machine.ts'])).files).toEqual([
      'other/f.machine.ts',
      'src/b.machine.ts',
    ]);
    expect((await files(['**/c.*'])).files).toEqual(['src/deep/c.machine.ts']);
  });

  it('reports paths that do not exist, non-definition files and globs that match nothing', async () => {
    expect((await files(['missing'])).problems).toEqual(['no such file or directory: missing']);
    expect((await files(['models.ts'])).problems).toEqual([
      'models.ts is not a definition file (*.machine.ts)',
    ]);
    expect((await files(['nowhere/**/*.machine.ts'])).problems).toEqual([
      'no definition file matches nowhere/**/*.machine.ts',
    ]);
  });

  it('reports a folder without definitions', async () => {
    expect((await files(['src/deep/..', 'node_modules'])).problems).toEqual([]);
    await mkdir(join(root, 'empty'), { recursive: true });
    expect((await files(['empty'])).problems).toEqual([
      'no definition files (*.machine.ts) found in empty',
    ]);
  });
});

describe('glob patterns', () => {
  it.each([
    ['src/**/*.machine.ts', 'src', '**/*.machine.ts'],
    ['*.machine.ts', '.', '*.machine.ts'],
    ['/abs/dir/*.ts', '/abs/dir', '*.ts'],
    ['a/b/c.ts', 'a/b/c.ts', ''],
  ])('splitGlob(%s) = %s + %s', (pattern, base, rest) => {
    expect(splitGlob(pattern)).toEqual({ base, rest });
  });

  it.each([
    ['**/*.machine.ts', 'a.machine.ts', true],
    ['**/*.machine.ts', 'x/y/a.machine.ts', true],
    ['*.machine.ts', 'x/a.machine.ts', false],
    ['?.ts', 'a.ts', true],
    ['?.ts', 'ab.ts', false],
    ['[ab].ts', 'b.ts', true],
    ['[!ab].ts', 'b.ts', false],
    ['{x,y}/*.ts', 'y/z.ts', true],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });
});
