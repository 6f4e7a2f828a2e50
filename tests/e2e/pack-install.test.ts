/**
 * The package as users get it: `npm pack`, install the tarball into a fresh project next to zod
 * and typescript, write a definition, run `npx smf-gen`, type-check with tsc and run the result.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

interface Result {
  readonly code: number;
  readonly output: string;
}

async function exec(command: string, args: readonly string[], cwd: string): Promise<Result> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

async function installedVersion(name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/**
 * Packs a staging copy: the package.json and README as they are, and dist/ built by the
 * package's own build config. Packing the repository itself would run `prepare`, which deletes
 * and rebuilds the dist/ other processes in this checkout may be using.
 */
async function packTarball(workDir: string): Promise<string> {
  const staging = join(workDir, 'staging');
  await mkdir(staging, { recursive: true });
  await cp(join(REPO_ROOT, 'package.json'), join(staging, 'package.json'));
  await cp(join(REPO_ROOT, 'README.md'), join(staging, 'README.md')).catch(() => undefined);
  const build = await exec(
    join(REPO_ROOT, 'node_modules/.bin/tsc'),
    ['-p', join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')],
    REPO_ROOT,
  );
  if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
  const pack = await exec(
    'npm',
    ['pack', '--ignore-scripts', '--pack-destination', workDir],
    staging,
  );
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
  const tarball = (await readdir(workDir)).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball:\n${pack.output}`);
  return join(workDir, tarball);
}

const DEFINITION = `import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';
import { z } from 'zod';
import type { Order } from './models.js';

export const OrderData = z.object({ amount: z.number().positive() });

export default defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },
    Processing: { models: { Order: 'processing' }, to: ['Completed', 'Cancelled'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
  context: {
    customerId: value<string>(),
    order: instanceOf('Order', { createdIn: 'Pending' }),
    orderData: schema(OrderData),
  },
});
`;

const MODELS = `export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed' | 'cancelled';
  amount?: number;
}
`;

const MAIN = `import { MemoryAdapter } from 'state-machine-framework';
import { OrderMachine, type OrderWorkflow } from './order.machine.gen.js';

const adapter = new MemoryAdapter();
const states = await OrderMachine.run(
  { adapter, context: { customerId: 'C1', orderData: { amount: 5 } } },
  async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1' } });
    const seen: string[] = [pending.state];
    const processing: OrderWorkflow<'Processing'> = await pending.transitionTo('Processing');
    seen.push(processing.state);
    const completed = await processing.transitionTo('Completed');
    return [...seen, completed.state, wf.context.orderData.amount];
  },
);
console.log(JSON.stringify(states));

export function neverCalled(processing: OrderWorkflow<'Processing'>): void {
  // @ts-expect-error Processing → Pending is not an edge
  void processing.transitionTo('Pending');
}
`;

const SQLITE_MAIN = `import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { OrderMachine } from './order.machine.gen.js';

const adapter = new SqliteAdapter('orders.db', { transitionLog: true });
await adapter.createTable('Order', { orderId: 'TEXT PRIMARY KEY', status: 'TEXT NOT NULL' });
await OrderMachine.run(
  { adapter, context: { customerId: 'C1', orderData: { amount: 5 } } },
  async (wf) => {
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1' } });
    await pending.transitionTo('Processing');
  },
);
const context = { customerId: 'C1', orderData: { amount: 5 } };
const failed = await OrderMachine.load({ adapter, id: 'O1', context }, async (wf) => {
  if (wf.is('Processing')) await wf.transitionTo('Completed');
  throw new Error('changed my mind');
}).catch((error: Error) => error.message);
const rows = await adapter.filter('Order', {});
const log = await adapter.readTransitionLog();
console.log(JSON.stringify({ rows, failed, log: log.map((entry) => entry.to) }));
adapter.close();
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    // The package's own declaration files must hold under the user's strict settings too.
    skipLibCheck: false,
    rootDir: 'src',
    outDir: 'build',
  },
  include: ['src'],
};

let workDir: string;
let project: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'smf-pack-'));
  project = join(workDir, 'app');
  const tarball = await packTarball(workDir);
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2),
  );
  const install = await exec(
    'npm',
    [
      'install',
      tarball,
      `zod@${await installedVersion('zod')}`,
      `typescript@${await installedVersion('typescript')}`,
      // A real install: npm builds the native driver here as it does for a user.
      `better-sqlite3@${await installedVersion('better-sqlite3')}`,
      `@types/better-sqlite3@${await installedVersion('@types/better-sqlite3')}`,
      ...INSTALL_FLAGS,
    ],
    project,
  );
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await writeFile(join(project, 'src/order.machine.ts'), DEFINITION);
  await writeFile(join(project, 'src/models.ts'), MODELS);
  await writeFile(join(project, 'src/main.ts'), MAIN);
  await writeFile(join(project, 'src/sqlite-main.ts'), SQLITE_MAIN);
}, 600_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the packed package, installed into a fresh project', () => {
  it('ships only the build, with the smf-gen bin', async () => {
    const installed = join(project, 'node_modules/state-machine-framework');
    const files = await readdir(installed);
    expect(files.toSorted()).toEqual(expect.arrayContaining(['dist', 'package.json']));
    expect(files).not.toContain('generator');
    expect(files).not.toContain('tests');
    const bin = await readFile(join(project, 'node_modules/.bin/smf-gen'), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('generates with `npx smf-gen`, type-checks with tsc and runs', async () => {
    const generate = await exec('npx', ['smf-gen'], project);
    expect(generate.output).toContain('wrote src/order.machine.gen.ts');
    expect(generate.code).toBe(0);

    const check = await exec('npx', ['smf-gen', '--check'], project);
    expect(check.code).toBe(0);

    const compile = await exec('npx', ['tsc', '-p', '.'], project);
    expect(compile.output).toBe('');
    expect(compile.code).toBe(0);

    const started = await exec(process.execPath, [join(project, 'build/main.js')], project);
    expect(started.output.trim()).toBe('["Pending","Processing","Completed",5]');
    expect(started.code).toBe(0);
  });

  it('runs a workflow on its own SQLite file, rolling back a failed one', async () => {
    const compile = await exec('npx', ['tsc', '-p', '.'], project);
    expect(compile.output).toBe('');
    const file = join(project, 'orders.db');
    const started = await exec(
      process.execPath,
      [join(project, 'build/sqlite-main.js'), file],
      project,
    );
    expect(started.code).toBe(0);
    expect(JSON.parse(started.output)).toEqual({
      rows: [{ orderId: 'O1', status: 'processing' }],
      failed: 'changed my mind',
      log: ['Pending', 'Processing'],
    });
    expect((await readdir(project)).includes('orders.db')).toBe(true);
  });

  it('fails tsc when the usage takes an illegal transition', async () => {
    const illegal = MAIN.replace('  // @ts-expect-error Processing → Pending is not an edge\n', '');
    expect(illegal).not.toBe(MAIN);
    await writeFile(join(project, 'src/illegal.ts'), illegal);
    const compile = await exec('npx', ['tsc', '-p', '.', '--noEmit'], project);
    await rm(join(project, 'src/illegal.ts'));
    expect(compile.code).not.toBe(0);
    expect(compile.output).toContain('src/illegal.ts');
    expect(compile.output).toContain('\'"Pending"\'');
  });
});
