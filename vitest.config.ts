import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests (packages/core, pure) and API tests (apps/server, in-process against a real
 * PostgreSQL: embedded, or DATABASE_URL). Playwright specs in e2e/ run with `npm test -w e2e`.
 */
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/server/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    // Vitest's default is one worker fewer than the CPUs: a single worker on CI's 2 cores, idle while PostgreSQL
    // answers. Two workers there run the API suite in about 60 % of the time (measured: 324 s → 197 s).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
