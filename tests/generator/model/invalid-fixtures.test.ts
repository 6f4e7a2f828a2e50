import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../../generator/diagnostics/codes.js';
import { analyzeDefinition } from '../../../generator/analyze/analyze-definition.js';
import { createDefinitionProject } from '../../../generator/parse/definition-project.js';
import { FIXTURES, relativeDiagnostic } from '../parse/support/definition-files.js';

const INVALID = path.join(FIXTURES, 'invalid');
const fixtureNames = fs.readdirSync(INVALID).toSorted();

function definitionFileOf(fixture: string): string {
  const name = fs
    .readdirSync(path.join(INVALID, fixture))
    .find((file) => file.endsWith('.machine.ts'));
  if (name === undefined) throw new Error(`fixture ${fixture} has no *.machine.ts`);
  return path.join(INVALID, fixture, name);
}

const files = fixtureNames.map(definitionFileOf);
const project = createDefinitionProject(files);

describe('invalid definition fixtures', () => {
  it.each(fixtureNames)('%s reports exactly its expected diagnostics', (fixture) => {
    const result = analyzeDefinition(definitionFileOf(fixture), project);
    const expected: unknown = JSON.parse(
      fs.readFileSync(path.join(INVALID, fixture, 'expected.json'), 'utf8'),
    );

    expect(result.diagnostics.map(relativeDiagnostic)).toEqual(expected);
  });

  it.each(fixtureNames)('%s reports the code it is named after', (fixture) => {
    const code = fixture.slice(0, 'smf000'.length).toUpperCase();
    const info = DIAGNOSTIC_CODES.find((candidate) => candidate.code === code);
    const result = analyzeDefinition(definitionFileOf(fixture), project);

    expect(info).toBeDefined();
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain(code);
    // Errors block the model; a fixture for a warning must still produce one.
    expect(result.model === undefined).toBe(info?.severity === 'error');
  });

  it('has exactly one fixture per diagnostic code', () => {
    const fixtureCodes = fixtureNames.map((fixture) => fixture.slice(0, 6).toUpperCase());

    expect(fixtureCodes).toEqual(DIAGNOSTIC_CODES.map((info) => info.code));
  });
});
