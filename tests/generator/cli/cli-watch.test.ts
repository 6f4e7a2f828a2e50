import type { ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, waitForOutput, type BuiltCli } from './built-cli.js';
import { DOOR_MODELS, doorDefinition, makeProject, writeFiles } from './project.js';

let cli: BuiltCli;
let root: string;
let watcher: ChildProcess | undefined;
beforeAll(async () => {
  cli = await buildCli();
  root = await makeProject({ 'door.machine.ts': doorDefinition(), 'models.ts': DOOR_MODELS });
});
afterAll(async () => {
  watcher?.kill();
  await cli.remove();
  await rm(root, { recursive: true, force: true });
});

const WATCHING = 'Watching for changes';

describe('smf-gen --watch', () => {
  it('regenerates on change, reports a bad edit and keeps running', async () => {
    watcher = cli.start(['--watch'], root);
    let output = await waitForOutput(watcher, (text) => text.includes(WATCHING));
    expect(output).toContain('wrote door.machine.gen.ts');

    const broken = doorDefinition().replace("to: ['Open']", "to: ['Opn']");
    await writeFiles(root, { 'door.machine.ts': broken });
    // A save may arrive as truncate + write: wait for the cycle that saw the whole edit.
    output = await waitForOutput(watcher, (text) => /SMF201[\s\S]*Watching for changes/.test(text));
    expect(output).toMatch(/door\.machine\.ts:\d+:\d+ - error SMF201: unknown target state 'Opn'/);
    expect(watcher.exitCode).toBeNull();

    await writeFiles(root, { 'door.machine.ts': doorDefinition('Gate') });
    output = await waitForOutput(watcher, (text) =>
      /wrote door\.machine\.gen\.ts[\s\S]*Watching for changes/.test(text),
    );
    const generated = await readFile(join(root, 'door.machine.gen.ts'), 'utf8');
    expect(generated).toContain('export const GateMachine = createMachine<GateTypes>({');
    expect(watcher.exitCode).toBeNull();
  });
});
