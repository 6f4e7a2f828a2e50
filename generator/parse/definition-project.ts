import fs from 'node:fs';
import path from 'node:path';
import type { CompilerOptions, ResolutionHostFactory } from 'ts-morph';
import { Project, ts } from './ts-morph-values.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { nestingDiagnostic } from './nesting-diagnostic.js';
import { unneededPackageImports } from './type-relevant-imports.js';

/** The one ts-morph project all definitions of a run are read with. */
export interface DefinitionProject {
  readonly project: Project;
  /**
   * Definitions kept out of the project because reading them could overflow the stack (SMF115),
   * by absolute path, with their diagnostic; the others are read as usual.
   */
  readonly refused: ReadonlyMap<string, Diagnostic>;
}

export interface DefinitionProjectOptions {
  /** Defaults to the nearest tsconfig.json above the definitions' common directory. */
  readonly tsconfigPath?: string;
}

/** Used when the definitions have no tsconfig.json above them. */
const DEFAULT_COMPILER_OPTIONS: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
};

/**
 * Global `types` packages (e.g. @types/node) are not loaded: a definition names its types through
 * imports, and loading every global declaration package is most of a cold run's cost.
 */
const OVERRIDES: CompilerOptions = { noEmit: true, types: [] };

/**
 * Creates the project from the user's tsconfig (so module resolution and path aliases match
 * theirs) with only the given definition files as roots; the checker loads what they import.
 */
export function createDefinitionProject(
  files: readonly string[],
  options: DefinitionProjectOptions = {},
): DefinitionProject {
  const absoluteFiles = files.map((file) => path.resolve(file));
  const tsconfigPath = options.tsconfigPath ?? findNearestTsconfig(commonDirectory(absoluteFiles));
  const skippedImports = new Map<string, ReadonlySet<string>>();
  const resolutionHost = skippingResolutionHost(skippedImports);
  const project =
    tsconfigPath === undefined
      ? new Project({
          compilerOptions: { ...DEFAULT_COMPILER_OPTIONS, ...OVERRIDES },
          resolutionHost,
        })
      : new Project({
          tsConfigFilePath: tsconfigPath,
          skipAddingFilesFromTsConfig: true,
          skipFileDependencyResolution: true,
          compilerOptions: OVERRIDES,
          resolutionHost,
        });
  const refused = new Map<string, Diagnostic>();
  for (const file of absoluteFiles) {
    const tooDeep = nestingDiagnostic(file);
    if (tooDeep !== undefined) {
      refused.set(file, tooDeep);
      continue;
    }
    const sourceFile = project.addSourceFileAtPathIfExists(file);
    if (sourceFile !== undefined) {
      skippedImports.set(sourceFile.getFilePath(), unneededPackageImports(sourceFile));
    }
  }
  return { project, refused };
}

/**
 * Standard module resolution (with a shared cache), except that the package imports a
 * definition does not need for its types resolve to nothing, so they are never loaded.
 */
function skippingResolutionHost(
  skippedImports: ReadonlyMap<string, ReadonlySet<string>>,
): ResolutionHostFactory {
  return (moduleResolutionHost, getCompilerOptions) => {
    const cache = ts.createModuleResolutionCache(
      process.cwd(),
      (fileName) => fileName,
      getCompilerOptions(),
    );
    return {
      resolveModuleNames: (
        moduleNames,
        containingFile,
        _reusedNames,
        redirectedReference,
        options,
        containingSourceFile,
      ) => {
        const skipped = skippedImports.get(containingFile);
        return moduleNames.map((moduleName) =>
          skipped?.has(moduleName) === true
            ? undefined
            : ts.resolveModuleName(
                moduleName,
                containingFile,
                options,
                moduleResolutionHost,
                cache,
                redirectedReference,
                containingSourceFile?.impliedNodeFormat,
              ).resolvedModule,
        );
      },
    };
  };
}

function findNearestTsconfig(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

function commonDirectory(files: readonly string[]): string {
  const directories = files.map((file) => path.dirname(file));
  const [first, ...rest] = directories;
  if (first === undefined) return process.cwd();
  let common = first;
  for (const directory of rest) {
    while (directory !== common && !directory.startsWith(common + path.sep)) {
      common = path.dirname(common);
    }
  }
  return common;
}
