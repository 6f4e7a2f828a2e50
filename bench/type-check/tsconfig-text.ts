/**
 * The compiler options of the benchmark projects: the strict settings this package promises to
 * compile under, the package resolved to its sources through the `source` condition, and
 * `skipLibCheck` so neither side pays for checking declaration files it does not own.
 */
export function tsconfigText(rootFiles: readonly string[]): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
      customConditions: ['source'],
      types: ['node'],
    },
    files: rootFiles,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
