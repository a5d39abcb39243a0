import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when unset the embedded server under dataDir is used. */
  databaseUrl: string | null;
  embeddedPgPort: number;
  demo: boolean;
  adminPassword: string | null;
  secureCookies: boolean;
  webDist: string;
  logLevel: string;
  /**
   * DJ_CLOCK_FILE, for end-to-end tests only: the server's clock is the system clock plus the whole number of
   * days written in this file (missing or empty = 0), re-read at most once per second. Off unless set; refused
   * when NODE_ENV=production, where a moved clock would date real records wrongly.
   */
  clockFile: string | null;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535)
    throw new Error(`环境变量 ${name} 应为 1–65535 的整数，实际为 “${value}”`);
  return n;
}

/**
 * Reads PORT, HOST, DATA_DIR, DATABASE_URL, DJ_PG_PORT, DJ_DEMO, DJ_ADMIN_PASSWORD, DJ_SECURE_COOKIES, LOG_LEVEL
 * and DJ_CLOCK_FILE (the test clock, see Config.clockFile).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../..');
  const clockFile = env.DJ_CLOCK_FILE ? path.resolve(env.DJ_CLOCK_FILE) : null;
  if (clockFile && env.NODE_ENV === 'production')
    throw new Error('环境变量 DJ_CLOCK_FILE（测试时钟）不能在生产环境（NODE_ENV=production）中使用');
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || null,
    embeddedPgPort: int('DJ_PG_PORT', env.DJ_PG_PORT, 54329),
    demo: env.DJ_DEMO === '1' || env.DJ_DEMO === 'true',
    adminPassword: env.DJ_ADMIN_PASSWORD || null,
    secureCookies: env.DJ_SECURE_COOKIES === '1',
    webDist: path.join(root, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL || 'info',
    clockFile,
  };
}
