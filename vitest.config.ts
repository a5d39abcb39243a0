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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
