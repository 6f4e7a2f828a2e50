/**
 * Import rules checked by `npm run lint` (npm run deps): no cycles anywhere, the runtime stands
 * alone, and the generator reaches the runtime only through the package's public entry points.
 * Type-only imports count: a cycle of types is still a cycle for a reader.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Every import cycle, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-stands-alone',
      comment: 'The runtime never imports the generator or the templates.',
      severity: 'error',
      from: { path: '^runtime/' },
      to: { path: '^(generator|templates)/' },
    },
    {
      name: 'runtime-has-no-dependencies',
      comment:
        "The runtime's only imports outside itself: Node's built-ins and its optional peer drivers.",
      severity: 'error',
      from: { path: '^runtime/' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: [
          '^runtime/',
          '^node_modules/(better-sqlite3|pg|kysely|drizzle-orm|@types/(better-sqlite3|pg))/',
        ],
      },
    },
    {
      name: 'generator-uses-no-runtime-internals',
      comment: 'The generator and templates never import runtime modules.',
      severity: 'error',
      from: { path: '^(generator|templates)/' },
      to: { path: '^runtime/' },
    },
    {
      name: 'templates-import-no-generator',
      comment: 'Templates render a finished view model; they import nothing from the generator.',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^generator/' },
    },
    {
      name: 'generator-stages-stand-apart',
      comment:
        'discover, parse, model, emit and write never import one another: they share only the layers below them (definition/, diagnostics/, outputs/); run.ts and analyze/ chain them.',
      severity: 'error',
      from: { path: '^generator/(discover|parse|model|emit|write)/' },
      to: {
        path: '^generator/',
        pathNot: ['^generator/$1/', '^generator/(definition|diagnostics|outputs)/'],
      },
    },
    {
      name: 'generator-bottom-layers-import-down',
      comment:
        'diagnostics/, definition/, outputs/ and format/ sit below every stage: they import only diagnostics/ (and themselves).',
      severity: 'error',
      from: { path: '^generator/(diagnostics|definition|outputs|format)/' },
      to: { path: '^generator/', pathNot: ['^generator/$1/', '^generator/diagnostics/'] },
    },
  ],
  options: {
    // TypeScript 7's package has no compiler API for dependency-cruiser to parse with; swc does.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|tmp-[^/]*|fixtures|out)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'node', 'default'] },
  },
};
