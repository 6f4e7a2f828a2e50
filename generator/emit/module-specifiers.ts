import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

function toImportPath(fromDirectory: string, target: string): string {
  const path = relative(fromDirectory, target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function isRelative(specifier: string): boolean {
  return (
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier === '.' ||
    specifier === '..'
  );
}

/**
 * A specifier the definition wrote, re-based to the output file's directory. Bare and aliased
 * specifiers (packages, tsconfig paths) mean the same from anywhere and stay as written.
 */
export function rebaseSpecifier(
  specifier: string,
  definitionFile: string,
  outputFile: string,
): string {
  if (!isRelative(specifier) && !isAbsolute(specifier)) return specifier;
  const target = resolve(dirname(definitionFile), specifier);
  return toImportPath(dirname(outputFile), target);
}

/** How the output file imports the definition module itself: `./order.machine.js`. */
export function definitionSpecifier(definitionFile: string, outputFile: string): string {
  return toImportPath(dirname(outputFile), definitionFile.replace(/\.ts$/, '.js'));
}

/** The definition's path as the header names it: relative to the output file, `/`-separated. */
export function sourcePathFromOutput(definitionFile: string, outputFile: string): string {
  return relative(dirname(outputFile), definitionFile).split(sep).join('/');
}
