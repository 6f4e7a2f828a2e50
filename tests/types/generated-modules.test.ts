import { readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILERS, REPO_ROOT, typeCheck, VARIANTS } from './type-check.js';

const TYPES_DIR = join(REPO_ROOT, 'tests/types');
const usageFiles = [
  ...readdirSync(join(TYPES_DIR, 'usage'))
    .filter((file) => file.endsWith('.usage.ts'))
    .map((file) => join(TYPES_DIR, 'usage', file)),
  ...readdirSync(TYPES_DIR)
    .filter((file) => file.endsWith('.usage.ts'))
    .map((file) => join(TYPES_DIR, file)),
];

const cases = COMPILERS.flatMap((compiler) =>
  Object.entries(VARIANTS).map(([variant, options]) => ({ compiler, variant, options })),
);

describe('generated goldens with their usage files under the real tsc', () => {
  it('has usage files to check', () => {
    expect(usageFiles.length).toBeGreaterThan(1);
  });

  it.concurrent.each(cases)(
    '$compiler.name, $variant: legal edges compile, every forbidden one stays an error',
    async ({ compiler, variant, options }) => {
      const result = await typeCheck(compiler, variant, options, usageFiles);
      expect(result.output).toBe('');
      expect(result.exitCode).toBe(0);
    },
    180_000,
  );
});

describe('the check can fail', () => {
  const probeDir = join(TYPES_DIR, `tmp-probe-${process.pid}`);
  afterAll(() => rm(probeDir, { recursive: true, force: true }));

  it('reports a @ts-expect-error over a legal edge as unused (TS2578)', async () => {
    const usage = usageFiles.find((file) => file.endsWith('order.usage.ts'));
    expect(usage).toBeDefined();
    await mkdir(probeDir, { recursive: true });
    const probe = join(probeDir, 'probe.ts');
    const specifier = '../../generator/goldens/order/order.machine.gen.js';
    await writeFile(
      probe,
      [
        `import type { OrderWorkflow } from '${specifier}';`,
        "declare const pending: OrderWorkflow<'Pending'>;",
        'export async function probe(): Promise<void> {',
        '  // @ts-expect-error wrongly claims a legal edge is forbidden',
        "  await pending.transitionTo('Processing');",
        '}',
        '',
      ].join('\n'),
    );
    const result = await typeCheck(COMPILERS[0]!, 'probe', VARIANTS['strictest']!, [probe]);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('TS2578');
  });
});
