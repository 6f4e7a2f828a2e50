import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin, type BuiltBin } from './built-bin.js';
import { DOOR_MODELS, doorDefinition, listFiles, makeProject } from './project.js';

// The one test that spawns the command: the bin script, the built entry and a real process's
// exit codes and streams. Everything else about the CLI runs in-process (cli.test.ts).
let bin: BuiltBin;
let root: string;
beforeAll(async () => {
  bin = await buildBin();
  root = await makeProject({
    'door/door.machine.ts': doorDefinition(),
    'door/models.ts': DOOR_MODELS,
    'gate/gate.machine.ts': doorDefinition('Gate').replace("to: ['Open']", "to: ['Opn']"),
    'gate/models.ts': DOOR_MODELS,
  });
});
afterAll(async () => {
  await bin.remove();
  await rm(root, { recursive: true, force: true });
});

describe('the smf-gen bin, spawned', () => {
  it('generates, exits 1 on a diagnostic, passes --check and exits 2 on a usage error', async () => {
    const generated = await bin.run([], root);
    expect(generated.code).toBe(1);
    expect(generated.stdout).toMatch(
      /^gate\/gate\.machine\.ts:\d+:\d+ - error SMF201: unknown target state 'Opn'/m,
    );
    expect(generated.stdout).toContain('wrote door/door.machine.gen.ts\n');
    expect(generated.stderr).toBe('');
    const door = await readFile(join(root, 'door/door.machine.gen.ts'), 'utf8');
    expect(door).toContain('export const DoorMachine = createMachine<DoorTypes>({');
    expect(await listFiles(root)).not.toContain('gate/gate.machine.gen.ts');

    expect(await bin.run(['--check', 'door'], root)).toEqual({
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

    expect(await bin.run(['--bogus'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'smf-gen: Unknown argument: bogus\nRun `smf-gen --help` for usage.\n',
    });
  });
});
