import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['astron-source'] },
  ssr: { resolve: { conditions: ['astron-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/console/src/**/*.test.tsx', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process per worker runs file after file: modules and PGlite's compiled WASM load once per worker, not once
    // per file (a full run took 497 s isolated, 400 s not; decision 0017). Test files therefore leave no global state behind.
    isolate: false,
    maxWorkers: 2,
  },
});
