import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSmfGen } from './in-process-cli.js';
import { ORDER_DEFINITION, ORDER_MODELS, listFiles, makeProject } from './project.js';

// A timer whose target is not one of its state's targets stops generation, as the type
// test asks ("a timer target outside `to` fails generation"), through runCli in-process.
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((root) => rm(root, { recursive: true, force: true })));
});

const PENDING =
  "Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },";

function orderWithPendingTimers(after: string): string {
  const timed = PENDING.replace("'Cancelled'] },", `'Cancelled'], after: ${after} },`);
  if (!ORDER_DEFINITION.includes(PENDING)) throw new Error('the quick start changed its Pending');
  return ORDER_DEFINITION.replace(PENDING, timed);
}

async function project(definition: string): Promise<string> {
  const root = await makeProject({
    'src/order.machine.ts': definition,
    'src/models.ts': ORDER_MODELS,
  });
  projects.push(root);
  return root;
}

describe('smf-gen: durable timers', () => {
  it('generates the timer table, the target types, the config and the diagram edge', async () => {
    const root = await project(orderWithPendingTimers("{ '48h': 'Cancelled' }"));
    const result = await runSmfGen(['--diagram', 'mermaid'], root);

    expect(result.code).toBe(0);
    const module = await readFile(join(root, 'src/order.machine.gen.ts'), 'utf8');
    expect(module).toContain("export interface OrderTimerTargets {\n  Pending: 'Cancelled';\n");
    expect(module).toContain(
      "export const ORDER_TIMERS = {\n  Pending: [{ afterMs: 172800000, to: 'Cancelled' }],\n  Processing: [],\n",
    );
    expect(module).toContain("after: [{ afterMs: 172800000, to: 'Cancelled' }],");
    const diagram = await readFile(join(root, 'src/order.machine.gen.mmd'), 'utf8');
    expect(diagram).toContain('  Pending --> Cancelled: after 48h\n');
  });

  it('fails on a timer target outside `to`, pointing at it, and writes nothing', async () => {
    const root = await project(orderWithPendingTimers("{ '48h': 'Completed' }"));
    const result = await runSmfGen([], root);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "src/order.machine.ts:10:108 - error SMF215: timer '48h' of state 'Pending' targets 'Completed', which is not in its `to`",
    );
    expect(result.stdout).toContain(
      "  hint: add 'Completed' to the `to` of state 'Pending', or pick one of 'Processing', 'Cancelled'",
    );
    expect(await listFiles(root)).toEqual(['src/models.ts', 'src/order.machine.ts']);
  });
});
