/**
 * The two packages as users get them: each workspace built by its own build config into a
 * staging copy and packed with `npm pack`, then installed from those local tarballs into a fresh
 * project the way the README tells a user to (`npm i state-machine-framework zod`,
 * `npm i -D smf-gen`).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { cachedInFolder, sourcesHash } from './pack-cache.js';

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

export async function exec(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The version the repository itself installed, so the app is built with what the tests use. */
export async function installedVersion(name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

export interface PackedPackages {
  /** `state-machine-framework`: the runtime. */
  readonly runtime: string;
  /** `smf-gen`: the generator and its bin. */
  readonly generator: string;
}

/**
 * Packs a staging copy of one workspace: its package.json, README, LICENSE, the committed files it ships
 * (the generator's bin) and dist/ built by its own build config. Packing the workspace itself
 * would run `prepack`, which deletes and rebuilds the dist/ other test files may be running.
 */
async function packWorkspace(workspace: string, folder: string): Promise<string> {
  const staging = join(folder, `staging-${workspace}`);
  const into = join(folder, workspace);
  await mkdir(into, { recursive: true });
  await mkdir(staging, { recursive: true });
  await cp(join(REPO_ROOT, workspace, 'package.json'), join(staging, 'package.json'));
  for (const file of ['README.md', 'LICENSE']) {
    await cp(join(REPO_ROOT, workspace, file), join(staging, file));
  }
  const build = await exec(
    join(REPO_ROOT, 'node_modules/.bin/tsc'),
    ['-p', join(REPO_ROOT, workspace, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')],
    REPO_ROOT,
  );
  if (build.code !== 0) throw new Error(`build of ${workspace} failed:\n${build.output}`);
  const manifest = JSON.parse(await readFile(join(staging, 'package.json'), 'utf8')) as {
    files: string[];
  };
  const committed = manifest.files.filter((entry) => entry !== 'dist' && !entry.startsWith('!'));
  for (const entry of committed) {
    await cp(join(REPO_ROOT, workspace, entry), join(staging, entry), { recursive: true });
  }
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', into], staging);
  if (pack.code !== 0) throw new Error(`npm pack of ${workspace} failed:\n${pack.output}`);
  const tarball = (await readdir(into)).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball:\n${pack.output}`);
  return join(into, tarball);
}

/**
 * Both packages packed from the current sources; test files running at the same time share one
 * build and pack (tests/support/pack-cache.ts).
 */
export async function packPackages(): Promise<PackedPackages> {
  const key = await sourcesHash(REPO_ROOT, ['runtime', 'generator', 'templates']);
  const { value } = await cachedInFolder('smf-packed-', key, async (folder) => {
    const [runtime, generator] = await Promise.all([
      packWorkspace('runtime', folder),
      packWorkspace('generator', folder),
    ]);
    return { runtime, generator };
  });
  return value;
}

export interface AppInstall {
  /** Extra runtime dependencies, name → version. */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Extra development dependencies, name → version. */
  readonly devDependencies?: Readonly<Record<string, string>>;
}

const sortedEntries = (record: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).toSorted(([a], [b]) => a.localeCompare(b)));

/** `npm install` of `manifest` into `folder`, the native driver taking the repository's binding. */
async function install(
  folder: string,
  manifest: { dependencies: Record<string, string> },
): Promise<void> {
  await writeFile(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  const nativeDriver = 'better-sqlite3' in manifest.dependencies;
  const installed = await exec(
    'npm',
    ['install', ...(nativeDriver ? ['--ignore-scripts'] : []), ...INSTALL_FLAGS],
    folder,
  );
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.output}`);
  if (nativeDriver) {
    await cp(
      join(REPO_ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
      join(folder, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    );
  }
}

/**
 * A fresh app depending on the packed runtime and zod, with smf-gen and typescript as
 * development dependencies, installed in one `npm install` from the local tarballs (other
 * packages come from npm's cache). better-sqlite3, when asked for, gets the binding the
 * repository already compiled instead of a second native build. Test files asking for the same
 * packages share one install: each gets a copy whose node_modules are hard links to it.
 */
export async function installApp(
  project: string,
  packed: PackedPackages,
  extra: AppInstall = {},
): Promise<void> {
  const manifest = {
    name: 'app',
    private: true,
    type: 'module',
    dependencies: sortedEntries({
      'state-machine-framework': `file:${packed.runtime}`,
      zod: await installedVersion('zod'),
      ...extra.dependencies,
    }),
    devDependencies: sortedEntries({
      'smf-gen': `file:${packed.generator}`,
      typescript: await installedVersion('typescript'),
      ...extra.devDependencies,
    }),
  };
  const key = createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 16);
  const { folder: installed } = await cachedInFolder('smf-app-', key, (folder) =>
    install(folder, manifest),
  );
  await mkdir(project, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    await cp(join(installed, file), join(project, file));
  }
  const copy = await exec('cp', ['-al', join(installed, 'node_modules'), project], project);
  if (copy.code !== 0) throw new Error(`copying the installed app failed:\n${copy.output}`);
}
