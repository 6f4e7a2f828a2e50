import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmfGen, type RunningCli } from './in-process-cli.js';
import { DOOR_MODELS, doorDefinition, makeProject, writeFiles } from './project.js';

let root: string;
let watcher: RunningCli | undefined;
beforeAll(async () => {
  root = await makeProject({ 'door.machine.ts': doorDefinition(), 'models.ts': DOOR_MODELS });
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const WATCHING = 'Watching for changes';

describe('smf-gen --watch', () => {
  it('regenerates on change, reports a bad edit and keeps running', async () => {
    watcher = startSmfGen(['--watch'], root);
    let output = await watcher.waitForOutput((text) => text.includes(WATCHING));
    expect(output).toContain('wrote door.machine.gen.ts');

    const broken = doorDefinition().replace("to: ['Open']", "to: ['Opn']");
    await writeFiles(root, { 'door.machine.ts': broken });
    // A save may arrive as truncate + write: wait for the cycle that saw the whole edit.
    output = await watcher.waitForOutput((text) => /SMF201[\s\S]*Watching for changes/.test(text));
    expect(output).toMatch(/door\.machine\.ts:\d+:\d+ - error SMF201: unknown target state 'Opn'/);
    expect(watcher.finished).toBe(false);

    await writeFiles(root, { 'door.machine.ts': doorDefinition('Gate') });
    output = await watcher.waitForOutput((text) =>
      /wrote door\.machine\.gen\.ts[\s\S]*Watching for changes/.test(text),
    );
    const generated = await readFile(join(root, 'door.machine.gen.ts'), 'utf8');
    expect(generated).toContain('export const GateMachine = createMachine<GateTypes>({');
    expect(watcher.finished).toBe(false);
    expect((await watcher.stop()).code).toBe(0);
  });

  it('when stopped at once, finishes the generation under way before it returns 0', async () => {
    await writeFiles(root, { 'door.machine.ts': doorDefinition('Hatch') });
    watcher = startSmfGen(['--watch'], root);
    const result = await watcher.stop();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote door.machine.gen.ts');
    const generated = await readFile(join(root, 'door.machine.gen.ts'), 'utf8');
    expect(generated).toContain('export const HatchMachine = createMachine<HatchTypes>({');
  });

  it('exits 2 by itself instead of watching nothing when a path argument is bad', async () => {
    watcher = startSmfGen(['--watch', 'missing-folder'], root);
    const result = await watcher.exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smf-gen: no such file or directory: missing-folder\n/);
    expect(result.stdout).not.toContain(WATCHING);
  });
});
