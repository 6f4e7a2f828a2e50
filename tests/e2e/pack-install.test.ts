/**
 * The packages as users get them: `npm pack` of both workspaces, installed from the local
 * tarballs into a fresh project next to zod and typescript; write a definition, run
 * `npx smf-gen`, type-check with tsc and run the result.
 */
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, installApp, installedVersion, packPackages } from '../support/packed-packages.js';

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
  const packed = await packPackages();
  await installApp(project, packed, {
    dependencies: { 'better-sqlite3': await installedVersion('better-sqlite3') },
    // What README's install blocks add, so this test and the tour share one install.
    devDependencies: {
      '@types/better-sqlite3': await installedVersion('@types/better-sqlite3'),
      tsx: await installedVersion('tsx'),
    },
  });
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await writeFile(join(project, 'src/order.machine.ts'), DEFINITION);
  await writeFile(join(project, 'src/models.ts'), MODELS);
  await writeFile(join(project, 'src/main.ts'), MAIN);
  await writeFile(join(project, 'src/sqlite-main.ts'), SQLITE_MAIN);
}, 600_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly scripts?: Record<string, string>;
}

const manifestOf = async (name: string): Promise<Manifest> =>
  JSON.parse(
    await readFile(join(project, 'node_modules', name, 'package.json'), 'utf8'),
  ) as Manifest;

describe('the packed packages, installed into a fresh project', () => {
  it('ship only their builds: the runtime without dependencies, the generator with the bin', async () => {
    const runtime = await readdir(join(project, 'node_modules/state-machine-framework'));
    expect(runtime.toSorted()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    const generator = await readdir(join(project, 'node_modules/smf-gen'));
    expect(generator.toSorted()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
    expect((await readdir(join(project, 'node_modules/smf-gen/dist'))).toSorted()).toEqual([
      'generator',
      'templates',
    ]);
    expect((await manifestOf('state-machine-framework')).dependencies).toBeUndefined();
    for (const name of ['state-machine-framework', 'smf-gen']) {
      const scripts = Object.keys((await manifestOf(name)).scripts ?? {});
      expect(scripts.filter((script) => /^(pre|post)?(install|prepare)$/.test(script))).toEqual([]);
    }
    const bin = await readFile(join(project, 'node_modules/.bin/smf-gen'), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('leave the generator and its dependencies out of a production install', async () => {
    const production = await exec('npm', ['ls', '--omit=dev', '--all', '--parseable'], project);
    const installed = production.output
      .split('\n')
      .filter((line) => line.includes('node_modules'))
      .map((line) => line.slice(line.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(installed).toContain('state-machine-framework');
    for (const name of ['smf-gen', 'ts-morph', 'prettier', 'yargs', 'typescript']) {
      expect(installed).not.toContain(name);
    }
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
