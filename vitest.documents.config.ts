import { defineConfig } from 'vitest/config';

/**
 * The document check (`npm run check:documents`): every document the server generates, downloaded from the
 * demo college through the API, converted by LibreOffice and read page by page with poppler. Apart from
 * `npm run test:unit` (vitest.config.ts), which never picks up apps/server/documents/.
 */
export default defineConfig({
  test: {
    include: ['apps/server/documents/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    // One college and one office suite: the files run one after another in one process.
    fileParallelism: false,
    testTimeout: 30_000,
    // Loading the demo and converting every document happen once, before the first assertion.
    hookTimeout: 300_000,
  },
});
