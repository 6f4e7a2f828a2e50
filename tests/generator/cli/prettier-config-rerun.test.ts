import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSmfGen } from './in-process-cli.js';
import { ORDER_DEFINITION, ORDER_MODELS, makeProject } from './project.js';

// runCli called again in one process (a script, a test, an editor integration) reads the
// project's prettier config afresh, as a new `smf-gen` process would.
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((root) => rm(root, { recursive: true, force: true })));
});

describe('smf-gen run twice in one process', () => {
  it('formats with a prettier config added between the runs', async () => {
    const root = await makeProject({
      'order.machine.ts': ORDER_DEFINITION,
      'models.ts': ORDER_MODELS,
    });
    projects.push(root);
    const output = join(root, 'order.machine.gen.ts');
    expect((await runSmfGen([], root)).code).toBe(0);
    expect(await readFile(output, 'utf8')).not.toMatch(/^\t/m);

    await writeFile(join(root, '.prettierrc'), '{ "useTabs": true, "singleQuote": true }\n');
    expect((await runSmfGen(['--check'], root)).code).toBe(1);
    expect((await runSmfGen(['--force'], root)).code).toBe(0);
    expect(await readFile(output, 'utf8')).toMatch(/^\t/m);
    expect((await runSmfGen(['--check'], root)).code).toBe(0);
  });
});
