import { basename, dirname, join, relative } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { analyzeValidFixtures, validFixtures } from '../generator/goldens/valid-fixtures.js';
import { buildUsageFile } from './build-usage-file.js';

const USAGE_DIR = join(import.meta.dirname, 'usage');

const fixtures = validFixtures();
const models = await analyzeValidFixtures(fixtures);

describe('usage files of the goldens cover every forbidden edge (`vitest -u` updates them)', () => {
  it.each(fixtures)('$name', async (fixture) => {
    const model = models.get(fixture.name)!;
    const usagePath = join(
      USAGE_DIR,
      basename(fixture.file).replace(/\.machine\.ts$/, '.usage.ts'),
    );
    const specifier = relative(dirname(usagePath), fixture.goldenPath).replace(/\.ts$/, '.js');
    const text = buildUsageFile(model, specifier.startsWith('.') ? specifier : `./${specifier}`);
    const options = (await prettier.resolveConfig(usagePath)) ?? {};
    const formatted = await prettier.format(text, { ...options, filepath: usagePath });
    await expect(formatted).toMatchFileSnapshot(usagePath);
  });
});
