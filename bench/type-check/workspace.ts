import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFINITION_FILE,
  MODELS_FILE,
  USAGE_FILE,
  definitionSource,
  modelsSource,
  usageSource,
} from './ours-sources.js';
import type { SyntheticGraph } from './synthetic-graph.js';
import { tsconfigText } from './tsconfig-text.js';
import {
  XSTATE_MACHINE_FILE,
  XSTATE_USAGE_FILE,
  xstateMachineSource,
  xstateUsageSource,
} from './xstate-sources.js';

/** The tsconfig of each project a size is measured with. */
export const PROJECT = {
  /** Generated module + usage file: what the type-check goal is measured on. */
  ours: 'tsconfig.json',
  /** The definition file alone (what the author's editor checks); reported, not part of the goal. */
  oursDefinition: 'tsconfig.definition.json',
  xstate: 'tsconfig.json',
} as const;

export interface SizeWorkspace {
  readonly oursDir: string;
  readonly xstateDir: string;
}

function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/**
 * Writes both forms of the machine under `root` (inside the repository, so `xstate` and the
 * package itself resolve from its node_modules and package.json). The generated module is not
 * written here: the generator (or its stand-in) adds it.
 */
export function writeSizeWorkspace(root: string, graph: SyntheticGraph): SizeWorkspace {
  const oursDir = join(root, 'ours');
  const xstateDir = join(root, 'xstate');
  writeFiles(oursDir, {
    [MODELS_FILE]: modelsSource,
    [DEFINITION_FILE]: definitionSource(graph),
    [USAGE_FILE]: usageSource(graph),
    [PROJECT.ours]: tsconfigText([USAGE_FILE]),
    [PROJECT.oursDefinition]: tsconfigText([DEFINITION_FILE]),
  });
  writeFiles(xstateDir, {
    [XSTATE_MACHINE_FILE]: xstateMachineSource(graph),
    [XSTATE_USAGE_FILE]: xstateUsageSource(graph),
    [PROJECT.xstate]: tsconfigText([XSTATE_USAGE_FILE]),
  });
  return { oursDir, xstateDir };
}

/** Each side's fixed cost: a file that only imports the library (subtracted to show growth). */
export function writeBaselineWorkspace(root: string): SizeWorkspace {
  const oursDir = join(root, 'ours');
  const xstateDir = join(root, 'xstate');
  writeFiles(oursDir, {
    [USAGE_FILE]: `import { MemoryAdapter } from 'state-machine-framework';\n\nexport const adapter = new MemoryAdapter();\n`,
    [PROJECT.ours]: tsconfigText([USAGE_FILE]),
  });
  writeFiles(xstateDir, {
    [XSTATE_USAGE_FILE]: `import { createActor, setup } from 'xstate';\n\nexport const actor = createActor(setup({}).createMachine({}));\n`,
    [PROJECT.xstate]: tsconfigText([XSTATE_USAGE_FILE]),
  });
  return { oursDir, xstateDir };
}
