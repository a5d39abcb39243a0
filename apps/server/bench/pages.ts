// Page weight (issue 13, item 7 "Pages load fast"): the JavaScript and CSS a browser fetches to show /login
// and the home page, and the login page's first contentful paint, measured with Debian's Chromium against a
// running server that serves the built apps/web/dist (`npm run build` first).
// `measurePages(baseUrl)` works on any such server; `benchPages()` starts a demo server, measures and stops
// it, and answers rows for `npm run bench`; run alone: `node --import tsx apps/server/bench/pages.ts`.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';

type Row = { case: string; value: string; baseline: string; ratio: string };

/** One JavaScript or CSS file the page fetched. */
export interface FetchedFile {
  path: string;
  kind: 'js' | 'css';
  /** Decoded size. */
  bytes: number;
  /** What the server sent: its Content-Encoding (null when none) and the bytes of the body on the wire. */
  encoding: string | null;
  wireBytes: number;
  /** The body gzipped here (level 6), so runs with and without server compression compare. */
  gzipBytes: number;
}

/** What loading one route cost: every JS/CSS file and their sums. */
export interface PageWeight {
  route: string;
  files: FetchedFile[];
  js: { bytes: number; gzipBytes: number; wireBytes: number };
  css: { bytes: number; gzipBytes: number; wireBytes: number };
}

/** The whole measurement. Times are medians over `runs` cold loads (a fresh browser context each). */
export interface PagesResult {
  login: PageWeight;
  home: PageWeight;
  loginFcpMs: number;
  /** Time until the login form's password box is in the page. */
  loginFormMs: number;
  /** The same two on a throttled link (`throttle`), where the bytes count. */
  throttledLoginFcpMs: number;
  throttledLoginFormMs: number;
}

/** Targets of issue 13 item 7 (gzipped JavaScript). */
export const pageTargets = { loginJsGzip: 300 * 1024, homeJsGzip: 600 * 1024 } as const;

/** A modest campus link: 10 Mbit/s down, 2 Mbit/s up, 40 ms round trip. */
const throttle = { downloadThroughput: 10_000_000 / 8, uploadThroughput: 2_000_000 / 8, latency: 40 };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoPassword = 'Demo-Pass-2026!';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const sum = (files: FetchedFile[], key: 'bytes' | 'gzipBytes' | 'wireBytes') =>
  files.reduce((n, f) => n + f[key], 0);

/** Records every JS/CSS response of the context's pages until `done` resolves. */
function recordAssets(context: BrowserContext) {
  const pending: Promise<FetchedFile | null>[] = [];
  let stopped = false;
  context.on('response', (res) => {
    // A response after the page went idle (a late poll) is not part of the load.
    if (stopped) return;
    pending.push(
      (async () => {
        const url = new URL(res.url());
        const type = res.headers()['content-type'] ?? '';
        const kind = /javascript/.test(type) ? 'js' : /text\/css/.test(type) ? 'css' : null;
        if (!kind || res.status() !== 200) return null;
        const body = await res.body();
        const encoding = res.headers()['content-encoding'] ?? null;
        const { responseBodySize } = await res.request().sizes();
        return {
          path: url.pathname,
          kind,
          bytes: body.length,
          encoding,
          wireBytes: responseBodySize,
          gzipBytes: gzipSync(body, { level: 6 }).length,
        };
      })(),
    );
  });
  return async (route: string): Promise<PageWeight> => {
    stopped = true;
    const files = (await Promise.all(pending)).filter((f): f is FetchedFile => f !== null);
    const js = files.filter((f) => f.kind === 'js');
    const css = files.filter((f) => f.kind === 'css');
    return {
      route,
      files,
      js: { bytes: sum(js, 'bytes'), gzipBytes: sum(js, 'gzipBytes'), wireBytes: sum(js, 'wireBytes') },
      css: { bytes: sum(css, 'bytes'), gzipBytes: sum(css, 'gzipBytes'), wireBytes: sum(css, 'wireBytes') },
    };
  };
}

/** One cold load of /login: its first contentful paint and the time until the form is there. */
async function timeLogin(browser: Browser, baseUrl: string, throttled: boolean) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...throttle });
    }
    await page.goto('/login', { waitUntil: 'commit' });
    // This runs in the page (whose CSP forbids string evaluation); the package is typed without the DOM library.
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
          'input[type="password"]',
        ) !== null,
      null,
      { polling: 'raf', timeout: 60_000 },
    );
    const formMs = await page.evaluate(() => performance.now());
    // The paint entry may be queued after the form is in the DOM: wait for it (buffered) rather than poll.
    const fcpMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const fcp = list.getEntriesByName('first-contentful-paint')[0];
            if (fcp) resolve(fcp.startTime);
            // 'paint' is a browser entry type, unknown to Node's typings.
          }).observe({ type: 'paint' as never, buffered: true });
          setTimeout(() => resolve(Number.NaN), 10_000);
        }),
    );
    return { fcpMs, formMs };
  } finally {
    await context.close();
  }
}

/**
 * Measures the login route and the home route (`account` signed in through the API first) on `baseUrl`,
 * each from a cold cache, with the browser at `chromiumPath`.
 */
export async function measurePages(
  baseUrl: string,
  options: { account?: { username: string; password: string }; runs?: number; chromiumPath?: string } = {},
): Promise<PagesResult> {
  const account = options.account ?? { username: 'zzb', password: demoPassword };
  const runs = options.runs ?? 5;
  const browser = await chromium.launch({
    executablePath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const load = async (route: string, signIn: boolean) => {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
      try {
        if (signIn) {
          const res = await context.request.post('/api/auth/login', { data: account });
          if (!res.ok())
            throw new Error(`sign-in as ${account.username}: ${res.status()} ${await res.text()}`);
        }
        const weigh = recordAssets(context);
        const page = await context.newPage();
        await page.goto(route, { waitUntil: 'networkidle' });
        if (new URL(page.url()).pathname !== route) throw new Error(`${route} went to ${page.url()}`);
        return await weigh(route);
      } finally {
        await context.close();
      }
    };
    const login = await load('/login', false);
    const home = await load('/', true);
    const times = { fcp: [] as number[], form: [] as number[], tFcp: [] as number[], tForm: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const fast = await timeLogin(browser, baseUrl, false);
      times.fcp.push(fast.fcpMs);
      times.form.push(fast.formMs);
      const slow = await timeLogin(browser, baseUrl, true);
      times.tFcp.push(slow.fcpMs);
      times.tForm.push(slow.formMs);
    }
    return {
      login,
      home,
      loginFcpMs: median(times.fcp),
      loginFormMs: median(times.form),
      throttledLoginFcpMs: median(times.tFcp),
      throttledLoginFormMs: median(times.tForm),
    };
  } finally {
    await browser.close();
  }
}

/** A demo server (`npm start` with DJ_DEMO=1) on a fresh data directory; `stop()` ends it and its PostgreSQL. */
export async function startDemoServer(port = Number(process.env.PAGES_PORT ?? 3190)) {
  if (!existsSync(path.join(root, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: run `npm run build` first');
  const baseUrl = `http://127.0.0.1:${port}`;
  const answers = await fetch(`${baseUrl}/api/health`).then(
    () => true,
    () => false,
  );
  if (answers) throw new Error(`port ${port} is taken: stop that server or set PAGES_PORT`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dj-bench-pages-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DJ_PG_PORT: String(port + 51_000),
      DJ_DEMO: '1',
      DJ_ADMIN_PASSWORD: demoPassword,
      DJ_SKIP_WEB_BUILD: '1',
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A measurement that crashes must not leave the server (and its PostgreSQL) running.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  const stop = async () => {
    process.off('exit', orphanGuard);
    // SIGTERM lets the server stop its embedded PostgreSQL.
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the demo server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the demo server did not answer /api/health within 180 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The page-weight case of `npm run bench`: starts a demo server on the built web app, measures, stops it. */
export async function benchPages(): Promise<Row[]> {
  const server = await startDemoServer();
  try {
    const r = await measurePages(server.baseUrl);
    return [
      {
        case: 'login JS (gzip) vs target',
        value: kb(r.login.js.gzipBytes),
        baseline: kb(pageTargets.loginJsGzip),
        ratio: (r.login.js.gzipBytes / pageTargets.loginJsGzip).toFixed(2),
      },
      {
        case: 'home JS (gzip) vs target',
        value: kb(r.home.js.gzipBytes),
        baseline: kb(pageTargets.homeJsGzip),
        ratio: (r.home.js.gzipBytes / pageTargets.homeJsGzip).toFixed(2),
      },
      {
        case: 'login JS on the wire vs decoded',
        value: kb(r.login.js.wireBytes),
        baseline: kb(r.login.js.bytes),
        ratio: (r.login.js.wireBytes / r.login.js.bytes).toFixed(2),
      },
      {
        case: 'login FCP (ms), throttled 10 Mbit/s vs local',
        value: r.throttledLoginFcpMs.toFixed(0),
        baseline: r.loginFcpMs.toFixed(0),
        ratio: (r.throttledLoginFcpMs / r.loginFcpMs).toFixed(2),
      },
    ];
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startDemoServer();
  try {
    const r = await measurePages(server.baseUrl);
    for (const page of [r.login, r.home]) {
      console.log(
        `${page.route}: ${page.files.filter((f) => f.kind === 'js').length} JS files, ` +
          `JS ${kb(page.js.bytes)} decoded / ${kb(page.js.gzipBytes)} gzip / ${kb(page.js.wireBytes)} on the wire; ` +
          `CSS ${kb(page.css.bytes)} / ${kb(page.css.gzipBytes)} / ${kb(page.css.wireBytes)}`,
      );
      console.table(
        page.files
          .sort((a, b) => b.bytes - a.bytes)
          .map((f) => ({
            file: f.path,
            decoded: kb(f.bytes),
            gzip: kb(f.gzipBytes),
            wire: kb(f.wireBytes),
            encoding: f.encoding ?? '-',
          })),
      );
    }
    console.log(
      `login first contentful paint ${r.loginFcpMs.toFixed(0)} ms, form ${r.loginFormMs.toFixed(0)} ms; ` +
        `throttled (10 Mbit/s, 40 ms): ${r.throttledLoginFcpMs.toFixed(0)} ms, form ${r.throttledLoginFormMs.toFixed(0)} ms`,
    );
    console.log(
      `targets: login JS gzip ${kb(r.login.js.gzipBytes)} ≤ ${kb(pageTargets.loginJsGzip)}, ` +
        `home JS gzip ${kb(r.home.js.gzipBytes)} ≤ ${kb(pageTargets.homeJsGzip)}`,
    );
  } finally {
    await server.stop();
  }
}
