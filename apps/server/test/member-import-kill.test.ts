// Atomicity of an import commit against the real process: the server is killed with SIGKILL while
// it writes a large import, restarted on the same data folder, and then either every row of the
// file is there (with its history entry and events) or none is.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, importColumnLabels, importTemplateColumns, type OrgListItem } from '@dangjian/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { idNumberFor, xlsxOf } from './fixtures/member-xlsx.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'dj-import-kill-'));
const password = 'Kill-Test-2026!';
const rows = 20_000;
let server: ChildProcess | null = null;
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(port: number, pgPort: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DJ_PG_PORT: String(pgPort),
      DJ_DEMO: '1',
      DJ_ADMIN_PASSWORD: password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitHealthy(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

function database(pgPort: number) {
  const pw = readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
  return new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${pgPort}/dangjian`,
  });
}

describe('import commit killed with SIGKILL', () => {
  it('leaves all of the file or none of it', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const pgPort = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = start(port, pgPort);
    await waitHealthy(base, server);
    const session = await signIn(base);

    const orgs = (await (
      await fetch(`${base}/api/orgs`, { headers: { cookie: session.cookie } })
    ).json()) as OrgListItem[];
    const names = orgs.map((o) => o.name);
    const branch = orgs.find((o) => o.type === 'branch' && names.filter((n) => n === o.name).length === 1)!;
    const index = new Map(importTemplateColumns.map((c, i) => [c, i]));
    const line = (n: number) => {
      const r: unknown[] = new Array(importTemplateColumns.length).fill(null);
      const set = (c: (typeof importTemplateColumns)[number], v: unknown) => {
        r[index.get(c)!] = v;
      };
      set('name', `导入测试${String.fromCharCode(0x4e00 + (n % 2000))}`);
      set(
        'idNumber',
        idNumberFor(addDays('1975-01-01', Math.floor(n / 500) * 37).replace(/-/g, ''), n % 500),
      );
      set('category', '教工');
      set('partyStatus', '正式党员');
      set('joinedOn', '2010-07-01');
      set('confirmedOn', '2011-07-01');
      set('branchName', branch.name);
      return r;
    };
    const data: unknown[][] = [importTemplateColumns.map((c) => importColumnLabels[c])];
    for (let n = 0; n < rows; n++) data.push(line(n));
    const file = await xlsxOf(data);
    const ids = data.slice(1).map((r) => r[index.get('idNumber')!] as string);
    expect(new Set(ids).size).toBe(rows);

    // The file is valid: a dry run finds nothing wrong and would create every row.
    const dry = await fetch(`${base}/api/members/import?mode=dry-run`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': 'application/octet-stream',
      },
      body: file,
    });
    const dryReport = (await dry.json()) as { problems: unknown[] };
    expect(dryReport.problems.slice(0, 5)).toEqual([]);
    expect(dryReport).toMatchObject({ problemCount: 0, created: rows });

    const db = database(pgPort);
    await db.connect();
    let outcome = 'killed before it answered';
    const commit = fetch(`${base}/api/members/import?mode=commit&fileName=kill.xlsx`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': 'application/octet-stream',
      },
      body: file,
    }).then(
      (r) => {
        outcome = `answered ${r.status}`;
      },
      () => {},
    );
    // Kill as soon as the import's transaction has written something (it then holds a transaction id).
    for (let i = 0; ; i++) {
      const { rows: active } = await db.query(
        `select 1 from pg_stat_activity
          where datname = 'dangjian' and pid <> pg_backend_pid() and backend_xid is not null`,
      );
      if (active.length > 0) break;
      if (i > 6000) throw new Error('the commit never started writing');
      await new Promise((r) => setTimeout(r, 5));
    }
    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    await commit;
    await db.end().catch(() => {});

    // Restart on the same data folder: the orphaned PostgreSQL is recovered, the data is what it is.
    server = start(port, pgPort);
    await waitHealthy(base, server);
    const after = database(pgPort);
    await after.connect();
    const count = async (q: string, params: unknown[] = []) =>
      Number((await after.query(q, params)).rows[0].n);
    const people = await count('select count(*) as n from person where id_number = any($1)', [ids]);
    const imports = await count(`select count(*) as n from member_import where file_name = 'kill.xlsx'`);
    const events = await count(
      'select count(*) as n from person_event e join person p on p.id = e.person_id where p.id_number = any($1)',
      [ids],
    );
    const audits = await count(`select count(*) as n from audit_log where action = 'member.import'`);
    await after.end();
    console.log(`import kill test: ${outcome}; ${people} of ${rows} people after restart`);
    // Either nothing of the import, or all of it with its history entry, events and audit entry.
    if (people === 0) expect([imports, events, audits]).toEqual([0, 0, 0]);
    else expect([people, imports, events, audits]).toEqual([rows, 1, rows, 1]);

    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  });
});
