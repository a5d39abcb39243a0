import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, type TestApp, testAuditKeys } from './helpers.ts';

// Issue 13 item 7: answers are compressed (never a download), and the built web app is cached by the browser
// for as long as it may be: fingerprinted assets for a year, index.html revalidated on every load.

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const immutable = 'public, max-age=31536000, immutable';
// Over the 1 KB threshold, like the real files.
const indexHtml = `<!doctype html><html><head><title>党建工作平台</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;
const appJs = `export const pages = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `第${i}页`))};\n`;

const preBr = brotliCompressSync(appJs);
const preGz = gzipSync(appJs, { level: 9 });

let t: TestApp;
let web: Awaited<ReturnType<typeof buildApp>>;
let webDist: string;

beforeAll(async () => {
  t = await createTestApp();
  webDist = mkdtempSync(path.join(tmpdir(), 'dj-test-web-'));
  mkdirSync(path.join(webDist, 'assets'));
  writeFileSync(path.join(webDist, 'index.html'), indexHtml);
  writeFileSync(path.join(webDist, 'assets', 'app-abc123.js'), appJs);
  writeFileSync(path.join(webDist, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  // What the build writes beside each asset (vite.config.ts `precompress`).
  writeFileSync(path.join(webDist, 'assets', 'pre-def456.js'), appJs);
  writeFileSync(path.join(webDist, 'assets', 'pre-def456.js.br'), preBr);
  writeFileSync(path.join(webDist, 'assets', 'pre-def456.js.gz'), preGz);
  // The same database, served with a web app (createTestApp's app has none).
  web = await buildApp({ db: t.db, clock: t.clock, auditKeys: testAuditKeys(), config: { webDist } });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
  rmSync(webDist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, cookie?: string) =>
  web.inject({
    method: 'GET',
    url,
    headers: {
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      ...(cookie ? { cookie } : {}),
    },
  });

/** The body as the browser reads it, after undoing the Content-Encoding. */
function decoded(res: Awaited<ReturnType<typeof get>>): string {
  const encoding = res.headers['content-encoding'];
  const raw = res.rawPayload;
  if (encoding === 'br') return brotliDecompressSync(raw).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
}

describe('compression', () => {
  it('compresses a JSON answer with brotli or gzip, as the client accepts, and not without', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await get('/api/openapi.json', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(decoded(br))).toEqual(plain.json());

    const gzip = await get('/api/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gzip))).toEqual(plain.json());
  });

  it('compresses the web app’s assets', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(decoded(res)).toBe(appJs);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(appJs));
  });

  it('sends the build’s precompressed copy of an asset when there is one', async () => {
    for (const [accept, encoding, copy] of [
      ['gzip, deflate, br', 'br', preBr],
      ['gzip', 'gzip', preGz],
    ] as const) {
      const res = await get('/assets/pre-def456.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe(immutable);
      expect(res.rawPayload.equals(copy)).toBe(true);
    }
    const plain = await get('/assets/pre-def456.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(appJs);
  });

  it('leaves an answer under 1 KB as it is', async () => {
    const res = await get('/api/health', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('sends an xlsx download uncompressed and byte-identical', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    // The workbook carries the time it was written: the same instant for both, so the bytes compare.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-06-15T04:00:00Z') });
    const [plain, asked] = await Promise.all([
      get('/api/members/import/template', undefined, admin.cookie),
      get('/api/members/import/template', 'gzip, deflate, br', admin.cookie),
    ]).finally(() => vi.useRealTimers());
    for (const res of [plain, asked]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(xlsxType);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      // A zip file, whole: its local file header first.
      expect(res.rawPayload.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    }
    expect(asked.rawPayload.equals(plain.rawPayload)).toBe(true);
  });
});

describe('cache headers of the web app', () => {
  it('caches fingerprinted assets for a year', async () => {
    expect((await get('/assets/app-abc123.js')).headers['cache-control']).toBe(immutable);
    expect((await get('/assets/app-abc123.js', 'gzip, br')).headers['cache-control']).toBe(immutable);
  });

  it('revalidates index.html on every load, at / and at /index.html', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(decoded(res), url).toBe(indexHtml);
    }
  });

  it('serves the SPA fallback (a client-side route) like index.html, compressed and revalidated', async () => {
    const res = await get('/orgs/12', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-encoding']).toBe('br');
    expect(decoded(res)).toBe(indexHtml);
  });

  it('gives other files a short max-age', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers 404, not the SPA, for a missing asset (a chunk a deploy replaced)', async () => {
    const res = await get('/assets/app-old999.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('keeps API answers out of caches', async () => {
    expect((await get('/api/health', 'gzip, br')).headers['cache-control']).toBe('no-store');
  });
});
