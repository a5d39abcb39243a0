import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /**
   * True when HOST was not set and DJ_DEMO=1: the demo accounts share one password, so the server listens on
   * 127.0.0.1 only (main says so in the log).
   */
  hostLimitedForDemo: boolean;
  dataDir: string;
  /** External PostgreSQL; when unset the embedded server under dataDir is used. */
  databaseUrl: string | null;
  /**
   * DATABASE_OWNER_URL, with DATABASE_URL: the role that owns the schema and runs the migrations. DATABASE_URL is
   * then the app's everyday role (no superuser, owns nothing, may only read and append the audit log).
   */
  databaseOwnerUrl: string | null;
  /** DJ_ALLOW_SUPERUSER=1: start (with a warning) although DATABASE_URL's role is a superuser or the owner. */
  allowSuperuser: boolean;
  embeddedPgPort: number;
  demo: boolean;
  adminPassword: string | null;
  secureCookies: boolean;
  /**
   * DJ_LOGIN_RATE_LIMIT: sign-in attempts one source address may make per minute (default 60; 0 = off). A class
   * signing in through one campus NAT address at a meeting stays under it; a password spray from one address does
   * not. Behind a reverse proxy set DJ_TRUST_PROXY, or every request seems to come from the proxy.
   */
  loginAttemptsPerMinute: number;
  /**
   * DJ_TRUST_PROXY: which X-Forwarded-For hops to believe for the client's address — a number of proxies in front
   * (e.g. `1` for one nginx) or a comma-separated list of proxy addresses/CIDRs. Unset: the socket's address.
   */
  trustProxy: number | string[] | false;
  webDist: string;
  logLevel: string;
  /**
   * DJ_CLOCK_FILE, for end-to-end tests only: the server's clock is the system clock plus the whole number of
   * days written in this file, optionally followed by a time of day shift ±HH:MM (missing or empty = 0), re-read
   * at most once per second. Off unless set; refused
   * when NODE_ENV=production, where a moved clock would date real records wrongly.
   */
  clockFile: string | null;
  /**
   * DJ_AUDIT_KEY: the audit chain's HMAC key (64 hex characters or base64 of ≥ 32 bytes). When unset, the key is
   * DATA_DIR/audit-key (0600, created at first start). Never stored in the database.
   */
  auditKey: string | null;
  /**
   * DJ_FINDINGS_CRON: when the full evaluation of the findings runs (five-field cron, UTC; default
   * '5 16 * * *', 00:05 in Asia/Shanghai). Tests run it every minute.
   */
  findingsCron: string | null;
  /** DJ_SMTP_URL (smtp://user:pass@host:587 or smtps://…): e-mail notifications; off when unset. */
  smtpUrl: string | null;
  /** DJ_MAIL_FROM: the sender of e-mails, e.g. '党委组织部 <dangjian@example.edu.cn>'. */
  mailFrom: string;
  /** DJ_WEBHOOK_HOSTS: hosts (comma-separated) group robots may post to besides 企业微信 and 钉钉. */
  webhookHosts: string[];
  /** DJ_PUBLIC_URL: the platform's address as users reach it, for links in e-mails and robot messages. */
  publicUrl: string | null;
}

/** A whole number 0–10000 from the environment (0 turns a limit off). */
function limit(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new Error(`环境变量 ${name} 应为 0–10000 的整数，实际为 “${value}”`);
  return n;
}

/** DJ_TRUST_PROXY: a hop count 1–10, or proxy addresses/CIDRs separated by commas. */
function trustProxy(value: string | undefined): number | string[] | false {
  if (value === undefined || value.trim() === '' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n > 10)
      throw new Error(`环境变量 DJ_TRUST_PROXY 应为 1–10 的代理层数或代理地址列表，实际为 “${value}”`);
    return n;
  }
  const list = value.split(',').map((a) => a.trim());
  if (list.some((a) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a)))
    throw new Error(
      `环境变量 DJ_TRUST_PROXY 应为代理层数或以逗号分隔的代理地址（可带 /掩码），实际为 “${value}”`,
    );
  return list;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535)
    throw new Error(`环境变量 ${name} 应为 1–65535 的整数，实际为 “${value}”`);
  return n;
}

/**
 * Reads PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_OWNER_URL, DJ_ALLOW_SUPERUSER, DJ_PG_PORT, DJ_DEMO,
 * DJ_ADMIN_PASSWORD, DJ_SECURE_COOKIES, DJ_LOGIN_RATE_LIMIT, DJ_TRUST_PROXY, DJ_AUDIT_KEY, DJ_FINDINGS_CRON,
 * DJ_SMTP_URL, DJ_MAIL_FROM, DJ_WEBHOOK_HOSTS, DJ_PUBLIC_URL, LOG_LEVEL and DJ_CLOCK_FILE (the test clock,
 * see Config.clockFile).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../..');
  const clockFile = env.DJ_CLOCK_FILE ? path.resolve(env.DJ_CLOCK_FILE) : null;
  if (clockFile && env.NODE_ENV === 'production')
    throw new Error('环境变量 DJ_CLOCK_FILE（测试时钟）不能在生产环境（NODE_ENV=production）中使用');
  const demo = env.DJ_DEMO === '1' || env.DJ_DEMO === 'true';
  if (env.DATABASE_OWNER_URL && !env.DATABASE_URL)
    throw new Error('设置了 DATABASE_OWNER_URL 时还须设置 DATABASE_URL（应用日常使用的数据库角色）');
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    hostLimitedForDemo: !env.HOST && demo,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || null,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || null,
    allowSuperuser: env.DJ_ALLOW_SUPERUSER === '1',
    embeddedPgPort: int('DJ_PG_PORT', env.DJ_PG_PORT, 54329),
    demo,
    adminPassword: env.DJ_ADMIN_PASSWORD || null,
    secureCookies: env.DJ_SECURE_COOKIES === '1',
    loginAttemptsPerMinute: limit('DJ_LOGIN_RATE_LIMIT', env.DJ_LOGIN_RATE_LIMIT, 60),
    trustProxy: trustProxy(env.DJ_TRUST_PROXY),
    // DJ_WEB_DIST serves a web build kept elsewhere (a second build while another one is in use).
    webDist: env.DJ_WEB_DIST ? path.resolve(env.DJ_WEB_DIST) : path.join(root, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL || 'info',
    clockFile,
    auditKey: env.DJ_AUDIT_KEY || null,
    findingsCron: cron('DJ_FINDINGS_CRON', env.DJ_FINDINGS_CRON),
    smtpUrl: env.DJ_SMTP_URL || null,
    mailFrom: env.DJ_MAIL_FROM || '党建工作平台 <dangjian@localhost>',
    webhookHosts: (env.DJ_WEBHOOK_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    publicUrl: env.DJ_PUBLIC_URL || null,
  };
}

/** A five-field cron expression (minute hour day month weekday), or null when unset. */
function cron(name: string, value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!/^(\S+\s+){4}\S+$/.test(v) || !/^[\d*/,\-\s]+$/.test(v))
    throw new Error(`环境变量 ${name} 应为五段 cron 表达式（分 时 日 月 周，UTC），例如 "5 16 * * *"`);
  return v;
}
