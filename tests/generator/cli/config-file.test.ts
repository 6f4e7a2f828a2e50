import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSmfGen } from './in-process-cli.js';
import {
  DOOR_MODELS,
  ORDER_DEFINITION,
  ORDER_MODELS,
  doorDefinition,
  listFiles,
  makeProject,
} from './project.js';

// A config file (smf-gen.config.json, or the "smf-gen" key of package.json) holds the paths,
// --out-dir and --diagram, so developers and CI run the same plain command.
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((root) => rm(root, { recursive: true, force: true })));
});

const machines = {
  'machines/order/order.machine.ts': ORDER_DEFINITION,
  'machines/order/models.ts': ORDER_MODELS,
  'other/door.machine.ts': doorDefinition(),
  'other/models.ts': DOOR_MODELS,
};

async function project(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await makeProject({ ...machines, ...files });
  projects.push(root);
  return root;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('smf-gen with a config file', () => {
  it('takes paths, outDir and diagram from smf-gen.config.json, for generating and --check', async () => {
    const root = await project({
      'smf-gen.config.json': json({ paths: ['machines'], outDir: 'generated', diagram: 'mermaid' }),
    });
    const result = await runSmfGen([], root);
    expect(result.stdout).toBe(
      [
        'wrote generated/order/order.machine.gen.ts',
        'wrote generated/order/order.machine.gen.mmd',
        'smf-gen: 1 definition, 2 written, 0 unchanged.',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
    expect(await runSmfGen(['--check'], root)).toEqual({
      code: 0,
      stdout: 'smf-gen --check: 1 definition, 2 generated files up to date.\n',
      stderr: '',
    });
  });

  it('reads the "smf-gen" key of package.json', async () => {
    const root = await project({
      'package.json': json({
        name: 'app',
        devDependencies: { 'smf-gen': '*' },
        'smf-gen': { paths: ['other'] },
      }),
    });
    const result = await runSmfGen([], root);
    expect(result.code).toBe(0);
    expect(await listFiles(join(root, 'other'))).toEqual([
      'door.machine.gen.ts',
      'door.machine.ts',
      'models.ts',
    ]);
    expect(await listFiles(join(root, 'machines'))).not.toContain('order/order.machine.gen.ts');
  });

  it('lets paths and flags on the command line override the file', async () => {
    const root = await project({
      'smf-gen.config.json': json({ paths: ['machines'], outDir: 'generated', diagram: 'mermaid' }),
    });
    const result = await runSmfGen(['other', '--out-dir', 'out', '--diagram', 'dot'], root);
    expect(result.code).toBe(0);
    expect(await listFiles(join(root, 'out'))).toEqual([
      'door.machine.gen.dot',
      'door.machine.gen.ts',
    ]);
    expect(await listFiles(root)).not.toContain('generated/order/order.machine.gen.ts');
  });

  it.each([
    [
      'smf-gen.config.json',
      '{\n  "paths": ["machines"],\n}\n',
      'smf-gen: smf-gen.config.json:3:1: ',
    ],
    [
      'smf-gen.config.json',
      '{\n  "paths": ["machines"],\n  "diagram": "svg"\n}\n',
      'smf-gen: smf-gen.config.json:3:3: `diagram` must be "mermaid" or "dot", got "svg"\n',
    ],
    [
      'smf-gen.config.json',
      '{ "path": ["machines"] }\n',
      "smf-gen: smf-gen.config.json:1:3: unknown setting 'path' (smf-gen reads paths, outDir and diagram)\n",
    ],
    [
      'package.json',
      '{\n  "name": "app",\n  "devDependencies": { "smf-gen": "*" },\n  "smf-gen": {\n    "outDir": 3\n  }\n}\n',
      'smf-gen: package.json:5:5: `outDir` must be a string\n',
    ],
    [
      'package.json',
      '{\n  "name": "app",\n  "smf-gen": ["machines"]\n}\n',
      'smf-gen: package.json:3:14: the smf-gen settings must be an object\n',
    ],
  ])('reports a bad %s where it is wrong, as a usage error', async (file, text, message) => {
    const root = await project({ [file]: text });
    const result = await runSmfGen([], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(await listFiles(root)).toEqual(Object.keys({ ...machines, [file]: text }).toSorted());
  });

  it('refuses two config files, since one would be ignored', async () => {
    const root = await project({
      'smf-gen.config.json': json({ paths: ['machines'] }),
      'package.json': json({ name: 'app', 'smf-gen': { paths: ['other'] } }),
    });
    const result = await runSmfGen([], root);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'smf-gen: both smf-gen.config.json and the "smf-gen" key of package.json configure smf-gen: keep one\n',
    });
  });

  it('ignores a package.json without the key, even one that does not parse', async () => {
    const root = await project({ 'package.json': '{ "name": "app", }\n' });
    const result = await runSmfGen(['--quiet'], root);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(root, 'other/door.machine.gen.ts'), 'utf8')).toContain(
      'export const DoorMachine',
    );
  });
});
