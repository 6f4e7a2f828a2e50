import { defineConfig } from 'vitest/config';

// 'source' resolves the package's own subpath exports to the TypeScript sources,
// so tests and examples never run against a stale dist/.
const conditions = ['source', 'module', 'node', 'import', 'default'];
// Vitest hands the SSR conditions to Node as --conditions for the test workers: 'import' there
// would make a CommonJS require() of a dual package (pg requiring pg-pool) load its ESM build.
const serverConditions = ['source', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: serverConditions, externalConditions: ['source'] } },
  test: {
    include: ['tests/**/*.test.ts', 'examples/**/*.test.ts'],
    // Asks PostgreSQL and MySQL/MariaDB once whether they answer (tests/support/servers.ts).
    globalSetup: ['tests/support/servers-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
