import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../generator/diagnostics/codes.js';
import { serverAvailable } from '../support/servers.js';
import { readmeBlocks, readmeTable } from './readme-blocks.js';

// Every code block in README is tied to something that runs, so the README cannot rot.
const root = resolve(import.meta.dirname, '../..');
const readme = join(root, 'README.md');
const blocks = readmeBlocks(readme);
const cli = join(root, 'generator/bin/smf-gen.js');
// install, app-file, session and tsc-error blocks are the tour as a user follows it in a project of
// their own: tests/e2e/tour.test.ts checks them there.
const kinds = [
  'ci',
  'run',
  'run-on-postgres',
  'file',
  'excerpt',
  'output-of',
  'install',
  'app-file',
  'session',
  'tsc-error',
];

const kindOf = (tag: string) => tag.split(':')[0] ?? '';
const argumentOf = (tag: string) => tag.slice(tag.indexOf(':') + 1).trim();
const ofKind = (kind: string) => blocks.filter((b) => kindOf(b.tag) === kind);
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('README', () => {
  it('opens with the two commands', () => {
    const first = blocks[0];
    expect(first?.tag).toBe('ci');
    expect(first?.text.split('\n').map((line) => line.split('#')[0]?.trim())).toEqual([
      'npm ci && npm run demo',
      'npm ci && npm test',
    ]);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci /m);
    expect(ci).toMatch(/^npm run demo$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('tags every code block with what checks it', () => {
    const untagged = blocks.filter((b) => !kinds.includes(kindOf(b.tag)));
    expect(untagged.map((b) => `README.md:${b.line}`)).toEqual([]);
  });

  it.each(ofKind('file'))('block at line $line is the whole of its file', ({ tag, text }) => {
    expect(`${text}\n`).toBe(read(argumentOf(tag)));
  });

  it.each(ofKind('excerpt'))('block at line $line is an excerpt of its file', ({ tag, text }) => {
    const fileLines = read(argumentOf(tag))
      .split('\n')
      .map((l) => l.trim());
    let at = 0;
    for (const line of text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      at = fileLines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }
  });

  // Blocks that need the PostgreSQL server run where it answers (tests/support/servers.ts).
  it.skipIf(!serverAvailable('postgres')).each(ofKind('run-on-postgres'))(
    'commands at line $line succeed on PostgreSQL',
    ({ text }) => {
      for (const command of text.split('\n')) {
        const result = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8' });
        expect(result.status, `${command}\n${result.stderr}`).toBe(0);
      }
    },
  );

  it.each(ofKind('run'))('commands at line $line succeed and change nothing', ({ text }) => {
    for (const command of text.split('\n')) {
      const result = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8' });
      expect(result.status, `${command}\n${result.stderr}`).toBe(0);
    }
    const status = execFileSync('git', ['status', '--porcelain', 'examples'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(status).toBe('');
  });

  it.each(ofKind('output-of'))('block at line $line is what the CLI prints', ({ tag, text }) => {
    const args = argumentOf(tag).split(' ').slice(1);
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain(text);
  });

  it('lists exactly the diagnostic codes the generator has', () => {
    const rows = readmeTable(readme, 'codes-table');
    expect(rows).toEqual(DIAGNOSTIC_CODES.map((c) => [c.code, c.severity, c.description]));
  });
});
