import { basename, dirname, join, relative, resolve } from 'node:path';

export const DIAGRAM_FORMATS = ['mermaid', 'dot'] as const;

export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

const DEFINITION_SUFFIX = /\.machine\.ts$/;

/** Where a definition's outputs go: beside it, or under `outDir` keeping its path below `root`. */
export interface OutputLocation {
  /** Absolute path of the definition file. */
  readonly definitionFile: string;
  /** The folder the definition was found under (its path argument); used with `outDir`. */
  readonly root: string;
  /** Absolute output directory, when one was given. */
  readonly outDir?: string | undefined;
}

function outputBase(location: OutputLocation): string {
  const stem = basename(location.definitionFile).replace(DEFINITION_SUFFIX, '.machine');
  if (location.outDir === undefined) return join(dirname(location.definitionFile), stem);
  const below = relative(location.root, dirname(location.definitionFile));
  const safeBelow = below.startsWith('..') ? '' : below;
  return join(resolve(location.outDir), safeBelow, stem);
}

/** `order.machine.ts` → `order.machine.gen.ts`. */
export function moduleOutputPath(location: OutputLocation): string {
  return `${outputBase(location)}.gen.ts`;
}

const DIAGRAM_EXTENSIONS: Readonly<Record<DiagramFormat, string>> = { mermaid: 'mmd', dot: 'dot' };

/** `order.machine.ts` → `order.machine.gen.mmd` / `order.machine.gen.dot`. */
export function diagramOutputPath(location: OutputLocation, format: DiagramFormat): string {
  return `${outputBase(location)}.gen.${DIAGRAM_EXTENSIONS[format]}`;
}

const GENERATED_OUTPUT = /\.machine\.gen\.(?:ts|mmd|dot)$/;

/** True for a file smf-gen writes (a generated module or diagram), wherever it was written. */
export function isGeneratedOutput(path: string): boolean {
  return GENERATED_OUTPUT.test(path);
}

/** Every file a definition produces, the module first. */
export function outputPathsFor(
  location: OutputLocation,
  diagrams: readonly DiagramFormat[] = [],
): string[] {
  return [
    moduleOutputPath(location),
    ...diagrams.map((format) => diagramOutputPath(location, format)),
  ];
}
