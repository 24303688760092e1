import { defineConfig } from 'vitest/config';

// Test tiers (STYLE.md §7): pure core in milliseconds; modules on a real database, once per engine;
// browser journeys last. scripts/test.sh sets DATABASE_URL to a throwaway PostgreSQL cluster.
// Tiers run one after the other (sequence.groupOrder), each with two workers (two cores): a PGlite
// database takes ~400 MB, and the browser journeys want the machine to themselves.
const engines = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/core/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/config.test.ts', 'src/modules/demo/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
        },
      },
      ...engines.map((engine, index) => ({
        test: {
          name: `integration-${engine}`,
          include: ['src/**/*.test.ts'],
          exclude: ['src/core/**', 'src/cli/**', 'src/config.test.ts', 'src/modules/demo/*.test.ts'],
          env: { GUICHET_TEST_ENGINE: engine },
          globalSetup: ['src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 + index },
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
          sequence: { groupOrder: 10 },
        },
      },
    ],
  },
});
