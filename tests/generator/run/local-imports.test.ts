import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingSourceReader, localModulesOf } from '../../../generator/run/local-imports.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'smf-local-imports-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function modulesOf(definition: string): Promise<string[]> {
  const read = cachingSourceReader();
  const file = join(root, definition);
  const text = (await read(file)) ?? '';
  return (await localModulesOf(file, text, read)).map((module) => module.path);
}

describe('localModulesOf', () => {
  it('follows every form of relative import to the TypeScript file, transitively', async () => {
    await write({
      'app/order.machine.ts': [
        "import { defineMachine } from 'state-machine-framework/dsl';",
        "import type { Order } from './models.js';",
        "export { Status } from '../shared/status';",
        "type Row = import('./rows/index.js').Row;",
        "import './side-effect.mjs';",
      ].join('\n'),
      'app/models.ts': "import type { Money } from './money.js';\nexport interface Order {}\n",
      'app/money.ts': 'export type Money = number;\n',
      'shared/status/index.ts': 'export type Status = string;\n',
      'app/rows/index.ts': 'export interface Row {}\n',
      'app/side-effect.mts': 'export {};\n',
      'app/unrelated.ts': 'export {};\n',
    });
    expect(await modulesOf('app/order.machine.ts')).toEqual([
      '../shared/status/index.ts',
      'models.ts',
      'money.ts',
      'rows/index.ts',
      'side-effect.mts',
    ]);
  });

  it('stops at the definition itself, generated modules, node_modules and missing files', async () => {
    await write({
      'order.machine.ts': [
        "import type { Order } from './models.js';",
        "import type { Gone } from './gone.js';",
        "import type { Lib } from './node_modules/lib/index.js';",
      ].join('\n'),
      'models.ts': [
        "import type { OrderState } from './order.machine.gen.js';",
        "import type { Definition } from './order.machine.js';",
      ].join('\n'),
      'order.machine.gen.ts': 'export type OrderState = string;\n',
      'node_modules/lib/index.ts': 'export type Lib = string;\n',
    });
    expect(await modulesOf('order.machine.ts')).toEqual(['models.ts']);
  });
});
