import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../generator/diagnostics/diagnostic.js';
import { runSmfGen } from './in-process-cli.js';

// The user-facing form of every diagnostic code: the CLI's tsc-style headline for each
// invalid fixture, exactly as its expected.json describes it.
const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const INVALID = 'tests/generator/fixtures/invalid';

const expectedHeadlines = readdirSync(join(REPO_ROOT, INVALID))
  .toSorted()
  .flatMap((fixture) => {
    const expected = JSON.parse(
      readFileSync(join(REPO_ROOT, INVALID, fixture, 'expected.json'), 'utf8'),
    ) as Diagnostic[];
    return expected.map(
      (d) => `${d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`,
    );
  });

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'smf-invalid-out-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('smf-gen over every invalid fixture', () => {
  it('prints each expected diagnostic headline, with its hint, and exits 1', async () => {
    const result = await runSmfGen([INVALID, '--out-dir', outDir], REPO_ROOT);
    const headlines = result.stdout
      .split('\n')
      .filter((line) => / - (error|warning) SMF\d{3}: /.test(line));
    expect(headlines.toSorted()).toEqual(expectedHeadlines.toSorted());
    expect(result.stdout).toContain("  hint: did you mean 'Completed'?");
    expect(result.code).toBe(1);
  });
});
