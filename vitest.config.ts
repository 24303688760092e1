import { defineConfig } from 'vitest/config';

// Test tiers (STYLE.md §7): pure core in milliseconds; modules on a real database, once per engine;
// browser journeys last. scripts/test.sh sets DATABASE_URL to a throwaway PostgreSQL cluster.
const engines = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/core/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/config.test.ts', 'src/modules/demo/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      ...engines.map((engine) => ({
        test: {
          name: `integration-${engine}`,
          include: ['src/**/*.test.ts'],
          exclude: ['src/core/**', 'src/cli/**', 'src/config.test.ts', 'src/modules/demo/*.test.ts'],
          env: { GUICHET_TEST_ENGINE: engine },
          globalSetup: ['src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite databases are ~400 MB each: keep files in parallel but bounded.
          maxWorkers: 2,
        },
      })),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
