import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessFormatter, type Formatter } from '../../../generator/format/formatter.js';
import { exitCodeOf } from '../../../generator/run/generate-report.js';
import { generate, type GenerateOptions } from '../../../generator/run.js';
import { fakeAnalyzer } from './fake-analyzer.js';

let cwd: string;
let calls: string[][];
let formatted: string[];
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'smf-run-'));
  calls = [];
  formatted = [];
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const define = (file: string, text = '// ok\n') =>
  mkdir(join(cwd, file, '..'), { recursive: true }).then(() => writeFile(join(cwd, file), text));
/** Prettier in-process, recording which outputs were formatted. */
function countingFormatter(): Formatter {
  const inner = createInProcessFormatter();
  return {
    format: (text, outputFile) => {
      formatted.push(relative(cwd, outputFile));
      return inner.format(text, outputFile);
    },
    close: () => inner.close(),
  };
}
const run = (options: Partial<GenerateOptions> = {}) =>
  generate({ cwd, analyzer: fakeAnalyzer(calls), createFormatter: countingFormatter, ...options });
const statuses = (report: Awaited<ReturnType<typeof run>>) =>
  report.definitions.flatMap((definition) =>
    definition.outputs.map((output) => [output.path.slice(cwd.length + 1), output.status]),
  );

describe('generate', () => {
  it('writes a module beside each definition', async () => {
    await define('door.machine.ts');
    await define('sub/gate.machine.ts');
    const report = await run();
    expect(exitCodeOf(report)).toBe(0);
    expect(statuses(report)).toEqual([
      ['door.machine.gen.ts', 'written'],
      ['sub/gate.machine.gen.ts', 'written'],
    ]);
    const text = await readFile(join(cwd, 'door.machine.gen.ts'), 'utf8');
    expect(text).toContain('export const DoorMachine = createMachine<DoorTypes>({');
  });

  it('skips an unchanged definition before analysing or formatting it', async () => {
    await define('door.machine.ts');
    await define('gate.machine.ts');
    await run();
    await define('gate.machine.ts', '// changed\n');
    const report = await run();
    expect(statuses(report)).toEqual([
      ['door.machine.gen.ts', 'up-to-date'],
      ['gate.machine.gen.ts', 'written'],
    ]);
    expect(calls.at(-1)).toEqual([join(cwd, 'gate.machine.ts')]);
    expect(formatted).toEqual([
      'door.machine.gen.ts',
      'gate.machine.gen.ts',
      'gate.machine.gen.ts',
    ]);

    const again = await run();
    expect(statuses(again)).toEqual([
      ['door.machine.gen.ts', 'up-to-date'],
      ['gate.machine.gen.ts', 'up-to-date'],
    ]);
    expect(calls).toHaveLength(2);
    expect(formatted).toHaveLength(3);
  });

  it('regenerates when a local module the definition imports changes, directly or not', async () => {
    await define('door.machine.ts', "import type { Door } from './models.js';\n");
    await define('models.ts', "import type { Id } from './ids.js';\nexport interface Door {}\n");
    await define('ids.ts', 'export type Id = string;\n');
    await define('notes.ts', 'export {};\n');
    await run();

    await define('notes.ts', 'export const unrelated = 1;\n');
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'up-to-date']]);
    await define(
      'models.ts',
      "import type { Id } from './ids.js';\nexport interface Door { id: Id }\n",
    );
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'written']]);
    await define('ids.ts', 'export type Id = number;\n');
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'written']]);
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'up-to-date']]);
    expect(calls).toHaveLength(3);
  });

  it('recognises an unchanged definition saved with a byte-order mark', async () => {
    await define('door.machine.ts', '\uFEFF// ok\n');
    await run();
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'up-to-date']]);
  });

  it('regenerates with force, leaving unchanged content untouched', async () => {
    await define('door.machine.ts');
    await run();
    const report = await run({ force: true });
    expect(statuses(report)).toEqual([['door.machine.gen.ts', 'unchanged']]);
    expect(calls).toHaveLength(2);
  });

  it('regenerates a hand-edited output whose header was removed', async () => {
    await define('door.machine.ts');
    await run();
    await writeFile(join(cwd, 'door.machine.gen.ts'), 'export {};\n');
    expect(statuses(await run())).toEqual([['door.machine.gen.ts', 'written']]);
  });

  it('writes nothing for a definition with errors while the others generate', async () => {
    await define('door.machine.ts');
    await define('bad.machine.ts', '// BROKEN\n');
    await define('warned.machine.ts', '// WARN\n');
    const report = await run();
    expect(exitCodeOf(report)).toBe(1);
    expect(statuses(report)).toEqual([
      ['door.machine.gen.ts', 'written'],
      ['warned.machine.gen.ts', 'written'],
    ]);
    expect(
      report.definitions.map((definition) => definition.diagnostics.map((d) => d.code)),
    ).toEqual([['SMF201'], [], ['SMF209']]);
    expect((await readdir(cwd)).toSorted()).toEqual([
      'bad.machine.ts',
      'door.machine.gen.ts',
      'door.machine.ts',
      'warned.machine.gen.ts',
      'warned.machine.ts',
    ]);
  });

  it('turns a crash in a stage into a located internal-error diagnostic for that definition', async () => {
    await define('door.machine.ts');
    await define('boom.machine.ts', '// THROW\n');
    const report = await run();
    expect(exitCodeOf(report)).toBe(1);
    const boom = report.definitions.find((definition) =>
      definition.file.endsWith('boom.machine.ts'),
    );
    expect(boom?.diagnostics).toEqual([
      expect.objectContaining({ code: 'SMF900', line: 1, column: 1, severity: 'error' }),
    ]);
    expect(boom?.diagnostics[0]?.message).toContain('stage exploded');
    expect(statuses(report)).toEqual([['door.machine.gen.ts', 'written']]);
  });

  it('writes under --out-dir, keeping the layout below each path argument', async () => {
    await define('src/machines/door.machine.ts');
    await define('src/machines/billing/gate.machine.ts');
    const report = await run({ paths: ['src/machines'], outDir: 'generated' });
    expect(statuses(report)).toEqual([
      ['generated/billing/gate.machine.gen.ts', 'written'],
      ['generated/door.machine.gen.ts', 'written'],
    ]);
    const text = await readFile(join(cwd, 'generated/billing/gate.machine.gen.ts'), 'utf8');
    expect(text).toContain("from '../../src/machines/billing/models.js'");
  });

  it('writes the diagram too, and a missing diagram makes the definition out of date', async () => {
    await define('door.machine.ts');
    await run();
    const report = await run({ diagram: 'mermaid' });
    expect(statuses(report)).toEqual([
      ['door.machine.gen.ts', 'unchanged'],
      ['door.machine.gen.mmd', 'written'],
    ]);
    expect(statuses(await run({ diagram: 'mermaid' }))).toEqual([
      ['door.machine.gen.ts', 'up-to-date'],
      ['door.machine.gen.mmd', 'up-to-date'],
    ]);
  });

  it('reports usage errors and generates nothing', async () => {
    await define('door.machine.ts');
    const report = await run({ paths: ['door.machine.ts', 'nope'] });
    expect(report.usageErrors).toEqual(['no such file or directory: nope']);
    expect(exitCodeOf(report)).toBe(2);
    expect(await readdir(cwd)).toEqual(['door.machine.ts']);
  });
});

describe('generate --check', () => {
  it('reports missing, stale and current outputs and writes nothing', async () => {
    await define('door.machine.ts');
    await define('gate.machine.ts');
    await define('lock.machine.ts');
    await run({ paths: ['door.machine.ts', 'gate.machine.ts'] });
    await define('gate.machine.ts', '// edited since generation\n');

    const report = await run({ check: true });
    expect(statuses(report)).toEqual([
      ['door.machine.gen.ts', 'current'],
      ['gate.machine.gen.ts', 'stale'],
      ['lock.machine.gen.ts', 'missing'],
    ]);
    expect(exitCodeOf(report)).toBe(1);
    expect((await readdir(cwd)).filter((file) => file.endsWith('.gen.ts')).toSorted()).toEqual([
      'door.machine.gen.ts',
      'gate.machine.gen.ts',
    ]);
  });

  it('compares whole files, and tells a hand edit below an intact header from a stale file', async () => {
    await define('door.machine.ts');
    await run();
    const path = join(cwd, 'door.machine.gen.ts');
    await writeFile(path, `${await readFile(path, 'utf8')}// extra\n`);
    expect(statuses(await run({ check: true }))).toEqual([['door.machine.gen.ts', 'edited']]);
    await run({ force: true });
    const report = await run({ check: true });
    expect(statuses(report)).toEqual([['door.machine.gen.ts', 'current']]);
    expect(exitCodeOf(report)).toBe(0);
  });
});

describe('generate: output collisions', () => {
  it('refuses two definitions that would write the same file under --out-dir', async () => {
    await define('a/door.machine.ts');
    await define('b/door.machine.ts');
    const report = await run({ paths: ['a', 'b'], outDir: 'generated' });
    expect(exitCodeOf(report)).toBe(2);
    expect(report.usageErrors).toEqual([
      'a/door.machine.ts and b/door.machine.ts would both write generated/door.machine.gen.ts',
    ]);
    expect(calls).toEqual([]);
  });
});
