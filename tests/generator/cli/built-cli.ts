import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const execFileAsync = promisify(execFile);

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BuiltCli {
  /** The built `generator/dist/generator/cli.js` (the package's `bin`). */
  readonly path: string;
  run(args: readonly string[], cwd: string): Promise<CliResult>;
  /** Starts the CLI and leaves it running (for `--watch`). */
  start(args: readonly string[], cwd: string): ChildProcess;
  remove(): Promise<void>;
}

/**
 * Builds the package with its own build config (`generator/tsconfig.build.json`, as `npm run build` does)
 * into a private folder inside the generator's workspace (where the CLI finds its version), so
 * node_modules resolve and concurrent test files
 * or a developer's `npm run build` never replace the files a test is running.
 */
export async function buildCli(): Promise<BuiltCli> {
  const outDir = join(REPO_ROOT, 'generator', `tmp-dist-${randomBytes(4).toString('hex')}`);
  await execFileAsync(
    join(REPO_ROOT, 'node_modules/.bin/tsc'),
    ['-p', join(REPO_ROOT, 'generator/tsconfig.build.json'), '--outDir', outDir],
    { cwd: REPO_ROOT },
  );
  const path = join(outDir, 'generator/cli.js');
  if (!existsSync(path)) throw new Error(`the build wrote no ${path}`);
  return {
    path,
    run: (args, cwd) =>
      new Promise((done) => {
        const child = spawn(process.execPath, [path, ...args], { cwd, env: cliEnv() });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => done({ code, stdout, stderr }));
      }),
    start: (args, cwd) => spawn(process.execPath, [path, ...args], { cwd, env: cliEnv() }),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  return env;
}

/** Waits until `child`'s stdout (accumulated) satisfies `done`; rejects if it exits first. */
export function waitForOutput(
  child: ChildProcess,
  done: (stdout: string) => boolean,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      if (done(stdout)) {
        child.stdout?.off('data', onData);
        resolvePromise(stdout);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before expected output:\n${stdout}`)),
    );
  });
}
