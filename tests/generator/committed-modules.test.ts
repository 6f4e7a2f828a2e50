import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/run.js';

// The runtime tests and the benchmarks run on modules smf-gen generated from definitions committed
// beside them. `smf-gen --check` over those definitions, in-process, so `npm test` fails as soon as
// a committed module no longer matches its definition or the generator's output.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const GENERATED_SUFFIX = '.machine.gen.ts';
/** The generator's own fixtures and goldens are compared by the golden tests. */
const OWN_CHECK = join('tests', 'generator') + sep;

function committedModules(): string[] {
  return ['tests', 'bench']
    .flatMap((top) => readdirSync(join(repoRoot, top), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(GENERATED_SUFFIX))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith(OWN_CHECK) && !path.split(sep).includes('out'))
    .toSorted();
}

const definitionOf = (module: string) => module.slice(0, -GENERATED_SUFFIX.length) + '.machine.ts';

const modules = committedModules();
const definitions = modules
  .map(definitionOf)
  .filter((definition) => existsSync(join(repoRoot, definition)));
const regenerate = `npx smf-gen ${definitions.join(' ')}`;

describe('generated modules committed in tests/ and bench/', () => {
  it('are found, each beside the definition it is generated from', () => {
    expect(modules.length).toBeGreaterThan(0);
    const orphans = modules.filter((module) => !definitions.includes(definitionOf(module)));
    expect(orphans, 'a *.machine.gen.ts must be generated, not written by hand').toEqual([]);
  });

  it('match what smf-gen --check generates from their definitions', async () => {
    const report = await generate({
      cwd: repoRoot,
      paths: definitions,
      check: true,
    });
    expect(report.usageErrors).toEqual([]);
    const errors = report.definitions.flatMap((definition) =>
      definition.diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => `${relative(repoRoot, diagnostic.file)}: ${diagnostic.message}`),
    );
    expect(errors).toEqual([]);
    const outputs = report.definitions.flatMap((definition) => definition.outputs);
    const notCurrent = outputs
      .filter((output) => output.status !== 'current')
      .map((output) => `${relative(repoRoot, output.path)}: ${output.status}`);
    expect(notCurrent, `regenerate with \`${regenerate}\``).toEqual([]);
    expect(outputs.map((output) => relative(repoRoot, output.path)).toSorted()).toEqual(modules);
  });
});
