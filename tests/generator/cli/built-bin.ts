import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const execFileAsync = promisify(execFile);

export interface SpawnResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BuiltBin {
  run(args: readonly string[], cwd: string): Promise<SpawnResult>;
  remove(): Promise<void>;
}

/**
 * Builds the generator with its own build config (as `npm run build` does) into a private copy of
 * the package's layout, the real `bin/smf-gen.js` beside `dist/`, inside the generator's
 * workspace: node_modules resolve, the CLI finds its version, and neither a concurrent test file
 * nor a developer's `npm run build` replaces the files a test is running.
 */
export async function buildBin(): Promise<BuiltBin> {
  const packageDir = join(REPO_ROOT, 'generator', `tmp-bin-${randomBytes(4).toString('hex')}`);
  await execFileAsync(
    join(REPO_ROOT, 'node_modules/.bin/tsc'),
    ['-p', join(REPO_ROOT, 'generator/tsconfig.build.json'), '--outDir', join(packageDir, 'dist')],
    { cwd: REPO_ROOT },
  );
  const bin = join(packageDir, 'bin/smf-gen.js');
  await mkdir(join(packageDir, 'bin'));
  await copyFile(join(REPO_ROOT, 'generator/bin/smf-gen.js'), bin);
  if (!existsSync(join(packageDir, 'dist/generator/main.js'))) {
    throw new Error(`the build wrote no dist/generator/main.js in ${packageDir}`);
  }
  return {
    run: (args, cwd) =>
      new Promise((done) => {
        const child = spawn(process.execPath, [bin, ...args], { cwd, env: binEnv() });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => done({ code, stdout, stderr }));
      }),
    remove: () => rm(packageDir, { recursive: true, force: true }),
  };
}

// The test runner's loader options would make node run TypeScript sources the bin never sees.
function binEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  return env;
}
