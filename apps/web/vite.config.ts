import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** A module id inside one of the `packages` (a regex alternation) in node_modules. */
const inPackages = (packages: string) => new RegExp(`[\\\\/]node_modules[\\\\/](?:${packages})[\\\\/]`);

/**
 * Writes a brotli (quality 11) and a gzip (level 9) copy beside each JS and CSS file of 1 KB or more: the server
 * sends these (@fastify/static `preCompressed`), smaller than compressing on the fly and at no cost per request.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'dangjian-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((f) => /\.(?:js|css)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(dir, f);
          const body = await readFile(file);
          if (body.length < 1024) return;
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          };
          await writeFile(`${file}.br`, await br(body, { params }));
          await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
        }),
      );
    },
  };
}

// Vite requires a default export for its config file.
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Every page is a lazy chunk (app.tsx). Of the libraries: React and the router, which every page needs
        // and which change least, in one chunk; ECharts, the largest, only where a chart is drawn; the antd the
        // first screen needs in one chunk, and the rest of antd left to split by the pages that use it.
        codeSplitting: {
          groups: [
            { name: 'react', test: inPackages('react|react-dom|scheduler|react-router'), priority: 30 },
            { name: 'echarts', test: inPackages('echarts|zrender|tslib'), priority: 20 },
            {
              name: 'antd',
              test: inPackages('antd|@ant-design|@rc-component|@babel[\\\\/]runtime|stylis|dayjs'),
              tags: ['$initial'],
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
