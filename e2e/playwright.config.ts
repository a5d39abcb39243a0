import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { appPort, receiverPorts } from './receivers.ts';

/** Demo password shared by the demo accounts in the end-to-end run. */
export const demoPassword = 'Demo-Pass-2026!';
const port = appPort;
const dataDir = path.join(tmpdir(), `dj-e2e-data-${port}`);
/** The server's test clock (DJ_CLOCK_FILE): a flow moves the college's date by writing a number of days here. */
export const clockFile = path.join(tmpdir(), `dj-e2e-clock-${port}`);
/** The local SMTP and webhook receivers (receivers.ts, started by global-setup.ts) the server's notifications go to. */
export const receivers = receiverPorts(port);

/** A run that was itself killed may have left its PostgreSQL running: stop it and start from nothing. */
function cleanDataDir(): void {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGQUIT');
      // Wait (up to 15 s) until it is gone: a postmaster still shutting down holds its port.
      for (let i = 0; i < 60; i++) {
        process.kill(pid, 0);
        execFileSync('sleep', ['0.25']);
      }
    } catch {
      // gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
// Workers load this file too: only the runner itself cleans up, before it starts the server.
if (process.env.TEST_WORKER_INDEX === undefined) {
  cleanDataDir();
  writeFileSync(clockFile, '0');
}

/**
 * Playwright flows through the real server (demo college on a fresh embedded PostgreSQL) and
 * Debian's Chromium. The web app must be built first (`npm run test:e2e` does it).
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: path.join(tmpdir(), 'dj-e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 } } },
  ],
  webServer: {
    command: 'node ../scripts/start.mjs',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the server stop its embedded PostgreSQL; a SIGKILL would orphan it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DJ_PG_PORT: String(port + 51_000 > 65_000 ? 54_390 : port + 51_000),
      DJ_DEMO: '1',
      DJ_ADMIN_PASSWORD: demoPassword,
      DJ_SKIP_WEB_BUILD: '1',
      ...(process.env.DJ_WEB_DIST ? { DJ_WEB_DIST: process.env.DJ_WEB_DIST } : {}),
      DJ_CLOCK_FILE: clockFile,
      // Every flow signs in from 127.0.0.1, some once per step they post: keep the throttle on, but above that.
      DJ_LOGIN_RATE_LIMIT: '600',
      LOG_LEVEL: 'warn',
      // Notifications go to the local receivers: e-mail by SMTP, group robots to the webhook receiver (allowed
      // by host:port, which also lets it be plain http — the production check for other hosts is unchanged).
      DJ_SMTP_URL: `smtp://127.0.0.1:${receivers.smtp}`,
      DJ_MAIL_FROM: '党委组织部 <dangjian@e2e.test>',
      DJ_WEBHOOK_HOSTS: `127.0.0.1:${receivers.webhook}`,
      DJ_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  },
});
