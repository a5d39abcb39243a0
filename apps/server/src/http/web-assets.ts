import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import type { FastifyStaticOptions } from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Text the platform sends (JSON, the web app's HTML/JS/CSS, CSV, SVG): worth compressing. */
const textTypes =
  /^(?:text\/(?!event-stream)|application\/(?:[\w.-]+\+)?(?:json|javascript|xml)\b|image\/svg\+xml\b)/i;

/**
 * Whether an answer of this Content-Type is compressed. Office files, zip, images and PDF are already compressed,
 * and the plugin's table (mime-db) says so too when this answers false, so a download goes out as it is.
 */
export function isCompressibleType(contentType: string): boolean {
  return textTypes.test(contentType);
}

/**
 * gzip or brotli for answers of 1 KB and more, registered before the routes (the plugin attaches itself to each
 * route as it is added). Brotli at quality 4: close to gzip's CPU cost, smaller output.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: isCompressibleType,
    // Requests are never compressed: a compressed body would only get round the body-size limit.
    globalDecompression: false,
  });
}

/**
 * Cache-Control of a file of the built web app: fingerprinted assets for a year (immutable), index.html (also
 * the SPA fallback) revalidated on every load so a deploy is seen at once, anything else for an hour.
 */
export function webCacheControl(webDist: string, filePath: string): string {
  const rel = path.relative(webDist, filePath).split(path.sep).join('/');
  if (rel === 'index.html') return 'no-cache';
  // Vite writes only fingerprinted files (`assets/index-CiAz-9uP.js`) to assets/: a new content is a new name.
  if (rel.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/**
 * @fastify/static's options for the built web app in `webDist`: the build's `.br`/`.gz` copies when the browser
 * accepts them (the compression plugin leaves an answer that has a Content-Encoding alone), else the file itself.
 */
export function webStaticOptions(webDist: string): FastifyStaticOptions {
  return {
    root: webDist,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply, filePath) => reply.header('Cache-Control', webCacheControl(webDist, filePath)),
  };
}
