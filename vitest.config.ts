import { availableParallelism } from 'node:os';
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
    // Vitest's default in run mode is one worker fewer than the cores: one on a 2-core machine.
    // Most of the suite's time is spent waiting on child processes (tsc, npm, workers) and on
    // database round trips, so a worker per core plus one keeps both cores busy.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
