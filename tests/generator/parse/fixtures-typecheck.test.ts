import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from './support/definition-files.js';

const run = promisify(execFile);
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

async function typecheck(tsconfig: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [TSC, '-p', tsconfig], { cwd: REPO_ROOT });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? 1, output: failure.stdout ?? String(error) };
  }
}

describe('definitions are real TypeScript', () => {
  it('the valid fixtures type-check on their own', async () => {
    expect(await typecheck(path.join(FIXTURES, 'tsconfig.json'))).toEqual({ code: 0, output: '' });
  });

  it('every misspelling in dsl-types.ts stays a type error', async () => {
    // Only the DSL type test, so errors elsewhere in the repository cannot mask or fail it.
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'smf-dsl-types-'));
    const tsconfig = path.join(directory, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: { noEmit: true, customConditions: ['source'], types: [] },
        files: [path.join(REPO_ROOT, 'tests/generator/parse/dsl-types.ts')],
      }),
    );
    try {
      expect(await typecheck(tsconfig)).toEqual({ code: 0, output: '' });
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
