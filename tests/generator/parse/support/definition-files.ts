import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../../generator/diagnostics/diagnostic.js';
import { analyzeDefinition } from '../../../../generator/analyze/analyze-definition.js';
import type { MachineModelResult } from '../../../../generator/model/build-machine-model.js';
import {
  createDefinitionProject,
  type DefinitionProject,
} from '../../../../generator/parse/definition-project.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURES = path.join(REPO_ROOT, 'tests/generator/fixtures');

/** The models most snippets import from './models.js'. */
export const MODELS_SOURCE = `
export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed' | 'cancelled';
  amount: number;
}
export interface Payment {
  paymentId: number;
  state: string;
}
`;

export interface WrittenDefinitions {
  readonly directory: string;
  readonly project: DefinitionProject;
  /** Absolute path of `<name>.machine.ts`. */
  fileOf(name: string): string;
  analyze(name: string): MachineModelResult;
  remove(): void;
}

/**
 * Writes each source to `<name>.machine.ts` (plus models.ts and `extraFiles`) in a fresh temporary
 * folder, and loads them all into one project, as the CLI does. Outside the repository there is
 * no tsconfig.json or node_modules above the files.
 */
export function writeDefinitions(
  sources: Readonly<Record<string, string>>,
  extraFiles: Readonly<Record<string, string>> = {},
  { insideRepository = false } = {},
): WrittenDefinitions {
  // Inside the repository (a git-ignored tmp- folder) the files resolve installed packages.
  const parent = insideRepository ? path.join(REPO_ROOT, 'tests/generator/parse') : os.tmpdir();
  const directory = fs.mkdtempSync(
    path.join(parent, insideRepository ? 'tmp-' : 'smf-parse-test-'),
  );
  for (const [name, text] of Object.entries({ 'models.ts': MODELS_SOURCE, ...extraFiles })) {
    fs.writeFileSync(path.join(directory, name), text);
  }
  const fileOf = (name: string) => path.join(directory, `${name}.machine.ts`);
  for (const [name, text] of Object.entries(sources)) fs.writeFileSync(fileOf(name), text);
  const project = createDefinitionProject(Object.keys(sources).map(fileOf));
  return {
    directory,
    project,
    fileOf,
    analyze: (name) => analyzeDefinition(fileOf(name), project),
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

/** A diagnostic as the fixtures' expected.json files write it: the path relative to the repo. */
export function relativeDiagnostic(diagnostic: Diagnostic): Diagnostic {
  return { ...diagnostic, file: path.relative(REPO_ROOT, diagnostic.file) };
}

/** A definition wrapping the given states/context text, importing what snippets need. */
export function definitionWith(body: string, header = ''): string {
  return `import { defineMachine, model, value, schema, instanceOf } from 'state-machine-framework/dsl';
import { z } from 'zod';
import type { Order, Payment } from './models.js';
${header}
export default defineMachine({
${body}
});
`;
}
