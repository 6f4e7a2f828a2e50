import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSmfGen } from './in-process-cli.js';
import { ORDER_DEFINITION, ORDER_MODELS, makeProject, writeFiles } from './project.js';

const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((root) => rm(root, { recursive: true, force: true })));
});

describe('smf-gen after a change to the models file a definition imports', () => {
  it('analyses again without --force and reports what the change broke', async () => {
    const root = await makeProject({
      'order.machine.ts': ORDER_DEFINITION,
      'models.ts': ORDER_MODELS,
    });
    projects.push(root);
    expect((await runSmfGen([], root)).code).toBe(0);
    const generated = await readFile(join(root, 'order.machine.gen.ts'), 'utf8');

    await writeFiles(root, {
      'models.ts': ORDER_MODELS.replace(" | 'cancelled'", ''),
    });
    const broken = await runSmfGen([], root);
    expect(broken.stdout).toContain(
      "order.machine.ts:13:51 - error SMF111: 'cancelled' does not fit Order.status, whose type is 'pending' | 'processing' | 'completed'",
    );
    expect(broken.code).toBe(1);
    expect(await readFile(join(root, 'order.machine.gen.ts'), 'utf8')).toBe(generated);
    // Nothing was written, so the next run does not skip it either.
    expect((await runSmfGen([], root)).code).toBe(1);

    await writeFiles(root, { 'models.ts': ORDER_MODELS });
    const fixed = await runSmfGen([], root);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('smf-gen: 1 definition, 0 written, 1 unchanged.');
  });
});
