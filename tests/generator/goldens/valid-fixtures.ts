import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeWithTsMorph } from '../../../generator/analyze/analyzer.js';
import { moduleOutputPath, type OutputLocation } from '../../../generator/outputs/output-paths.js';
import type { MachineModel } from '../../../generator/definition/machine-model.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const VALID_FIXTURES = join(REPO_ROOT, 'tests/generator/fixtures/valid');
export const GOLDENS = join(REPO_ROOT, 'tests/generator/goldens');

export interface ValidFixture {
  /** Path below fixtures/valid, e.g. `order/order.machine.ts`. */
  readonly name: string;
  readonly file: string;
  /** Where the golden lives: the layout of fixtures/valid, under goldens/. */
  readonly location: OutputLocation;
  readonly goldenPath: string;
}

/** Every `*.machine.ts` under tests/generator/fixtures/valid (the parse + model engineer's). */
export function validFixtures(): ValidFixture[] {
  return readdirSync(VALID_FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.machine.ts'))
    .toSorted()
    .map((path) => {
      const file = join(VALID_FIXTURES, path);
      const location = { definitionFile: file, root: VALID_FIXTURES, outDir: GOLDENS };
      return {
        name: relative(VALID_FIXTURES, file),
        file,
        location,
        goldenPath: moduleOutputPath(location),
      };
    });
}

/** The real parse + model stages over all valid fixtures; throws on any error diagnostic. */
export async function analyzeValidFixtures(
  fixtures: readonly ValidFixture[],
): Promise<Map<string, MachineModel>> {
  const analyze = await analyzeWithTsMorph(fixtures.map((fixture) => fixture.file));
  const models = new Map<string, MachineModel>();
  for (const fixture of fixtures) {
    const { model, diagnostics } = analyze(fixture.file);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (model === undefined || errors.length > 0) {
      throw new Error(`valid fixture ${fixture.name} has errors: ${JSON.stringify(errors)}`);
    }
    models.set(fixture.name, model);
  }
  return models;
}
