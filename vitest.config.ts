import { defineConfig } from 'vitest/config';

/** Unit and API tests for the workspace; Playwright specs in e2e/ run with `npm test -w e2e`, not here. */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
  },
});
