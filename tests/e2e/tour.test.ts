/**
 * README's tour followed as a user would, in a fresh project: the packed packages installed as
 * README's install blocks say, README's tsconfig and the tour's files written exactly as README
 * shows them, then every command of its sessions run there, each printing what README shows.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installApp, installedVersion, packPackages } from '../support/packed-packages.js';
import { readmeBlocks } from './readme-blocks.js';
import { asShown, commandsOf, packagesOf, uncommentIllegalLine } from './tour-blocks.js';

const root = resolve(import.meta.dirname, '../..');
const blocks = readmeBlocks(join(root, 'README.md'));
const kindOf = (tag: string) => tag.split(':')[0] ?? '';
const argumentOf = (tag: string) => tag.slice(tag.indexOf(':') + 1).trim();
const ofKind = (kind: string) => blocks.filter((block) => kindOf(block.tag) === kind);

// README: the tour's files go in src/; in the repository they are examples/order/.
const REPO_FOLDER = 'examples/order/';
const APP_FOLDER = 'src';
const tourFiles = ofKind('file').filter((block) => argumentOf(block.tag).startsWith(REPO_FOLDER));
const steps = blocks.filter((block) => ['session', 'tsc-error'].includes(kindOf(block.tag)));

// What installApp installs whatever it is asked (the two packages from their tarballs).
const ALWAYS = {
  dependencies: ['state-machine-framework', 'zod'],
  devDependencies: ['smf-gen', 'typescript'],
};
const readmePackages = packagesOf(ofKind('install').map((block) => block.text));

// A user's shell: without the npm_* variables `npm test` hands to its children, and without npm's
// occasional "new version available" notice, which is npm's and not the tour's.
const userEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  ),
  npm_config_update_notifier: 'false',
};
const execFileAsync = promisify(execFile);

/** Runs a command line in the app, stdout and stderr interleaved as a terminal shows them. */
async function shell(command: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await execFileAsync('sh', ['-c', `${command} 2>&1`], {
      cwd: project,
      env: userEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? 1, output: failed.stdout ?? '' };
  }
}

const pinned = async (names: readonly string[]) =>
  Object.fromEntries(await Promise.all(names.map(async (n) => [n, await installedVersion(n)])));
const beyond = (names: readonly string[], always: readonly string[]) =>
  names.filter((name) => !always.includes(name));

let workDir: string;
let project: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'smf-tour-'));
  project = join(workDir, 'app');
  await installApp(project, await packPackages(), {
    dependencies: await pinned(beyond(readmePackages.dependencies, ALWAYS.dependencies)),
    devDependencies: await pinned(beyond(readmePackages.devDependencies, ALWAYS.devDependencies)),
  });
  for (const { tag, text } of ofKind('app-file')) {
    await writeFile(join(project, argumentOf(tag)), `${text}\n`);
  }
  await mkdir(join(project, APP_FOLDER));
  for (const { tag, text } of tourFiles) {
    await writeFile(join(project, APP_FOLDER, basename(argumentOf(tag))), `${text}\n`);
  }
}, 600_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the README tour, followed in a fresh project', () => {
  it('installs what README says, the generator as a development dependency only', async () => {
    for (const kind of ['dependencies', 'devDependencies'] as const) {
      expect(readmePackages[kind]).toEqual(expect.arrayContaining(ALWAYS[kind]));
    }
    expect(readmePackages.devDependencies).toContain('tsx');
    expect(steps.map((step) => kindOf(step.tag))).toEqual(['session', 'session', 'tsc-error']);
    expect(tourFiles.map((block) => basename(argumentOf(block.tag)))).toEqual([
      'order.machine.ts',
      'models.ts',
      'tour.ts',
    ]);
    const production = await shell('npm ls --omit=dev --all --parseable');
    const installed = production.output
      .split('\n')
      .filter((line) => line.includes('node_modules/'))
      .map((line) => line.slice(line.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(installed).toEqual(expect.arrayContaining([...readmePackages.dependencies]));
    for (const name of ['smf-gen', 'ts-morph', 'prettier', 'yargs']) {
      expect(installed).not.toContain(name);
    }
  });

  it.each(steps)('the $tag block at README line $line prints what README shows', async (step) => {
    const illegal = kindOf(step.tag) === 'tsc-error';
    const file = join(project, argumentOf(step.tag));
    const source = illegal ? await readFile(file, 'utf8') : '';
    if (illegal) await writeFile(file, uncommentIllegalLine(source));
    try {
      for (const { command, output } of commandsOf(step.text)) {
        // tsc formats for a terminal only when it writes to one; --pretty asks for that here.
        const result = await shell(illegal ? `${command} --pretty` : command);
        expect(asShown(result.output), command).toBe(output);
        const outcome = result.code === 0 ? 'succeeds' : 'fails';
        expect(outcome, command).toBe(illegal ? 'fails' : 'succeeds');
      }
    } finally {
      if (illegal) await writeFile(file, source);
    }
  });

  it('type-checks with the other settings README allows', async () => {
    // The generated module too, whether or not the sessions above ran.
    expect((await shell(`npx smf-gen ${APP_FOLDER}`)).code).toBe(0);
    const variants = [
      {
        module: 'preserve',
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: false,
      },
      { module: 'esnext', moduleResolution: 'bundler', target: 'es2017', strict: false },
    ];
    for (const compilerOptions of variants) {
      const config = join(project, 'tsconfig.variant.json');
      await writeFile(config, JSON.stringify({ extends: './tsconfig.json', compilerOptions }));
      const result = await shell(`npx tsc --noEmit -p ${basename(config)}`);
      expect({ compilerOptions, ...result }).toEqual({ compilerOptions, code: 0, output: '' });
    }
  });
});
