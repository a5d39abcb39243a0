// Two server processes on one database, as behind a load balancer: a write through one shows in the other's
// alerts within a second (findings are stored; LISTEN/NOTIFY drops caches), the start-up catch-up runs once
// for both, and the scheduled full evaluation runs once per tick, not once per process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testAuditKeyHex, testPassword } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'dj-multi-'));
let t: TestApp;
let branchId: number;
let secretaryId: number;
let username: string;
const servers: { child: ChildProcess; base: string }[] = [];

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

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      DATABASE_OWNER_URL: '',
      DATA_DIR: dir,
      DJ_AUDIT_KEY: testAuditKeyHex,
      PORT: String(port),
      HOST: '127.0.0.1',
      DJ_DEMO: '',
      // Every minute instead of nightly, so the test sees ticks.
      DJ_FINDINGS_CRON: '* * * * *',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
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
    body: JSON.stringify({ username, password: testPassword }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: (url: string) => fetch(`${base}${url}`, { headers: { cookie } }),
    patch: (url: string, body: unknown) =>
      fetch(`${base}${url}`, {
        method: 'PATCH',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

async function evaluations(trigger: string) {
  const { rows } = await sql<{ minute: string; n: number }>`
    select to_char(date_trunc('minute', started_at), 'HH24:MI') as minute, count(*)::int as n
    from finding_evaluation where trigger = ${trigger} group by 1 order by 1`.execute(t.db);
  return rows;
}

beforeAll(async () => {
  // A college with one staff branch whose secretary is not a 双带头人 (a finding to resolve).
  t = await createTestApp();
  const tree = await t.factory.tree();
  branchId = tree.branchA.id;
  const people = await t.factory.people(branchId, 5);
  secretaryId = people[0]!;
  await t.factory.term({
    orgId: branchId,
    start: '2025-01-01',
    end: '2027-12-31',
    team: [{ personId: secretaryId, post: 'secretary' }],
  });
  const user = await t.factory.user([{ role: 'branch_secretary', orgId: branchId }]);
  username = user.username;
  // Both start together, as a deployment does.
  servers.push(...(await Promise.all([startServer(), startServer()])));
}, 120_000);

afterAll(async () => {
  for (const s of servers)
    if (s.child.exitCode === null) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGTERM');
      await exited;
    }
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two processes on one database', () => {
  it('run the start-up catch-up once between them', async () => {
    const count = async (trigger: string) => (await evaluations(trigger)).reduce((n, r) => n + r.n, 0);
    // Under a loaded machine (the whole suite on 2 cores) a fresh process takes a while to reach its queue; and
    // when a cron tick (every minute here) comes first, its full evaluation leaves the catch-up nothing to do.
    for (let i = 0; i < 360 && (await count('startup')) + (await count('scheduled')) === 0; i++)
      await new Promise((r) => setTimeout(r, 250));
    // Give the other process time to have run it too, if it were going to.
    await new Promise((r) => setTimeout(r, 2000));
    const startup = await count('startup');
    expect(startup).toBeLessThanOrEqual(1);
    expect(startup + (await count('scheduled'))).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('show a write through one in the alerts of the other within a second', async () => {
    const [one, other] = await Promise.all(servers.map((s) => signIn(s.base)));
    const dualLeader = async () => {
      const res = await other!.get(`/api/alerts?orgId=${branchId}&ruleId=secretary.dual_leader`);
      return ((await res.json()) as { total: number }).total;
    };
    expect(await dualLeader()).toBe(1);
    const fix = await one!.patch(`/api/people/${secretaryId}/dual-leader`, {
      isDualLeader: true,
      dualLeaderKind: 'major_leader',
    });
    expect(fix.status).toBe(200);
    const t0 = Date.now();
    while ((await dualLeader()) !== 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - t0).toBeLessThan(1000);
  }, 30_000);

  it('run the scheduled full evaluation once per tick, not once per process', async () => {
    let runs: { minute: string; n: number }[] = [];
    for (let i = 0; i < 75 && runs.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      runs = await evaluations('scheduled');
    }
    expect(runs.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 3000));
    runs = await evaluations('scheduled');
    expect(
      runs.every((r) => r.n === 1),
      JSON.stringify(runs),
    ).toBe(true);
  }, 120_000);
});
