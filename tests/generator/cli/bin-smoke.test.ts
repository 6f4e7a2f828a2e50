import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin, type BuiltBin } from './built-bin.js';
import { DOOR_MODELS, doorDefinition, makeProject, writeFiles } from './project.js';

// The one test that spawns the command: the bin script, the built entry and a real process's
// exit codes and streams. Everything else about the CLI runs in-process (cli.test.ts).
let bin: BuiltBin;
let root: string;
beforeAll(async () => {
  bin = await buildBin();
  root = await makeProject({ 'door.machine.ts': doorDefinition(), 'models.ts': DOOR_MODELS });
});
afterAll(async () => {
  await bin.remove();
  await rm(root, { recursive: true, force: true });
});

describe('the smf-gen bin, spawned', () => {
  it('generates, checks, exits 1 on a diagnostic and 2 on a usage error', async () => {
    expect(await bin.run([], root)).toEqual({
      code: 0,
      stdout: 'wrote door.machine.gen.ts\nsmf-gen: 1 definition, 1 written, 0 unchanged.\n',
      stderr: '',
    });
    const generated = await readFile(join(root, 'door.machine.gen.ts'), 'utf8');
    expect(generated).toContain('export const DoorMachine = createMachine<DoorTypes>({');

    expect(await bin.run(['--check'], root)).toEqual({
      code: 0,
      stdout: 'smf-gen --check: 1 definition, 1 generated file up to date.\n',
      stderr: '',
    });

    const { version } = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../generator/package.json'), 'utf8'),
    ) as { version: string };
    expect(await bin.run(['--version'], root)).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });

    await writeFiles(root, {
      'door.machine.ts': doorDefinition().replace("to: ['Open']", "to: ['Opn']"),
    });
    const diagnosed = await bin.run([], root);
    expect(diagnosed.code).toBe(1);
    expect(diagnosed.stdout).toMatch(
      /^door\.machine\.ts:\d+:\d+ - error SMF201: unknown target state 'Opn'/m,
    );
    expect(diagnosed.stderr).toBe('');

    expect(await bin.run(['--bogus'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'smf-gen: Unknown argument: bogus\nRun `smf-gen --help` for usage.\n',
    });
  });
});
