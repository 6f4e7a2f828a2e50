import { defineConfig } from 'vitest/config';

// 'source' resolves the package's own subpath exports to the TypeScript sources,
// so tests and examples never run against a stale dist/.
const conditions = ['source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: ['tests/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
