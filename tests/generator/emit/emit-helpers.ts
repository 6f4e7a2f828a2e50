import { emitMachine } from '../../../generator/emit/emit-machine.js';
import * as prettier from 'prettier';
import { DEFAULT_FORMAT_OPTIONS } from '../../../generator/format/format-options.js';
import {
  moduleOutputPath,
  type DiagramFormat,
  type OutputLocation,
} from '../../../generator/outputs/output-paths.js';
import type { MachineModel } from '../../../generator/definition/machine-model.js';

export const TEST_VERSION = '9.9.9-test';
export const TEST_STAMP = { sourceHash: 'sha256:0123456789abcdef', generatorVersion: TEST_VERSION };

export async function emitFiles(
  model: MachineModel,
  location: Partial<OutputLocation> = {},
  diagram?: DiagramFormat,
): Promise<ReadonlyMap<string, string>> {
  const full: OutputLocation = {
    definitionFile: model.sourceFile,
    root: location.root ?? '/',
    outDir: location.outDir,
  };
  return emitMachine(model, {
    location: full,
    stamp: TEST_STAMP,
    format: (text) => prettier.format(text, { ...DEFAULT_FORMAT_OPTIONS, parser: 'typescript' }),
    diagrams: diagram === undefined ? [] : [diagram],
  });
}

/** The generated module's text. */
export async function emitModule(
  model: MachineModel,
  location: Partial<OutputLocation> = {},
): Promise<string> {
  const files = await emitFiles(model, location);
  const path = moduleOutputPath({
    definitionFile: model.sourceFile,
    root: location.root ?? '/',
    outDir: location.outDir,
  });
  const text = files.get(path);
  if (text === undefined) throw new Error(`no module at ${path}`);
  return text;
}
