import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = join(import.meta.dirname, '../..');

export interface Compiler {
  readonly name: string;
  readonly command: readonly string[];
}

/** The real compilers: TypeScript 7 (native) and 5.9 (the `typescript5` alias). */
export const COMPILERS: readonly Compiler[] = [
  { name: 'tsc7', command: [join(REPO_ROOT, 'node_modules/.bin/tsc')] },
  {
    name: 'tsc5.9',
    command: [process.execPath, join(REPO_ROOT, 'node_modules/typescript5/bin/tsc')],
  },
];

const STRICTEST = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
};

/** Compiler settings a user may have; the generated module must be clean under each. */
export const VARIANTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  strictest: STRICTEST,
  'exact-optional-off': { ...STRICTEST, exactOptionalPropertyTypes: false },
  'strict-only': { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { ...STRICTEST, module: 'ESNext', moduleResolution: 'Bundler' },
};

export interface TypeCheckResult {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Runs a compiler as a child process over `files` with the given options, from a temp folder
 * inside the repository (so the package resolves to its own sources through the `source`
 * condition, and zod from node_modules).
 */
export async function typeCheck(
  compiler: Compiler,
  label: string,
  options: Readonly<Record<string, unknown>>,
  files: readonly string[],
): Promise<TypeCheckResult> {
  const dir = join(REPO_ROOT, 'tests/types', `tmp-${label}-${compiler.name}-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
      customConditions: ['source'],
      ...options,
    },
    files,
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const [program, ...args] = compiler.command;
  try {
    await run(program!, [...args, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
    return { exitCode: 0, output: '' };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
