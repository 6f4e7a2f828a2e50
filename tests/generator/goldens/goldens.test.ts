import { readFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { emitMachine } from '../../../generator/emit/emit-machine.js';
import { createInProcessFormatter } from '../../../generator/format/formatter.js';
import { DIAGRAM_FORMATS, diagramOutputPath } from '../../../generator/outputs/output-paths.js';
import { cachingSourceReader } from '../../../generator/run/local-imports.js';
import { stampOf } from '../../../generator/run/up-to-date.js';
import { analyzeValidFixtures, validFixtures } from './valid-fixtures.js';

// Each golden sits under goldens/ in the layout of fixtures/valid, generated as `--out-dir`
// would, so its imports reach the fixture and the repository's own tsc checks it in place.
const fixtures = validFixtures();
const models = await analyzeValidFixtures(fixtures);

describe('generated modules match their goldens (`vitest -u` updates them)', () => {
  it('has valid fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('$name', async (fixture) => {
    const model = models.get(fixture.name)!;
    const stamp = await stampOf(fixture.file, cachingSourceReader());
    const { format } = createInProcessFormatter();
    const files = await emitMachine(model, {
      location: fixture.location,
      stamp,
      format,
      diagrams: DIAGRAM_FORMATS,
    });
    await expect(files.get(fixture.goldenPath)).toMatchFileSnapshot(fixture.goldenPath);
    for (const diagram of DIAGRAM_FORMATS) {
      const diagramPath = diagramOutputPath(fixture.location, diagram);
      await expect(files.get(diagramPath)).toMatchFileSnapshot(diagramPath);
    }
  });
});

describe('goldens pass `prettier --check` as a user runs it (parser inferred from .ts)', () => {
  it.each(fixtures)('$name', async (fixture) => {
    const text = await readFile(fixture.goldenPath, 'utf8');
    const options = (await prettier.resolveConfig(fixture.goldenPath)) ?? {};
    expect(await prettier.check(text, { ...options, filepath: fixture.goldenPath })).toBe(true);
  });
});
