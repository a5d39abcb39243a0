// `npm run bench`: speed targets measured against a baseline in the same run (never timed tests).
// 1. GET /api/orgs and GET /api/alerts on the demo college under concurrent load, as ratios to a bare
//    Fastify hello-world on the same machine in the same run.
// 2. Alerts computed for a college 10× the demo size, as a ratio to the demo size.
// 3. Importing 10,000 roster rows and exporting the roster, as ratios to exceljs alone (member-io.ts).
// 4. 2,000 QR sign-ins to one activity, p99 against GET /api/me at the same concurrency (sign-in.ts).
// 5. The compliance matrix of the 10× college over two years, against one SQL aggregate (compliance.ts).
// 6. A refused sign-in for an unknown name and a locked account against a wrong password; the input guard
//    against JSON.parse of a body at half the size limit (trust.ts).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { connect, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCollege } from '../src/demo/generate.ts';
import { loadCollege } from '../src/demo/load.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';
import { evaluateFindings } from '../src/http/findings.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { benchCompliance } from './compliance.ts';
import { benchMemberIo } from './member-io.ts';
import { benchSignIn } from './sign-in.ts';
import { benchInputGuard, benchRefusedSignIn } from './trust.ts';

const duration = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const password = 'Bench-Pass-2026!';

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

const dir = mkdtempSync(path.join(tmpdir(), 'dj-bench-'));
const pg = await startEmbeddedPostgres({ dir, port: 54500 });
const clock = createClock();
try {
  const hash = await hashPassword(password);
  const dbs: Record<string, ReturnType<typeof connect>> = {};
  for (const [name, scale] of [
    ['bench_x1', 1],
    ['bench_x10', 10],
  ] as const) {
    await ensureDatabase(pg.adminUrl, name);
    const db = connect(withDatabase(pg.adminUrl, name), 20);
    await migrateToLatest(db);
    const t0 = performance.now();
    const data = generateCollege({ scale, today: clock.today() });
    await db
      .transaction()
      .execute((trx) =>
        loadCollege(trx, data, { passwordHash: hash, mustChangePassword: false, isDemo: true }),
      );
    console.log(
      `loaded scale ${scale}: ${data.orgs.length} orgs, ${data.people.length} people in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    dbs[name] = db;
  }

  const hello = Fastify();
  hello.get('/hello', async () => ({ hello: 'world' }));
  await hello.listen({ port: 0, host: '127.0.0.1' });
  const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/hello`;

  // A throwaway audit key and no checkpoint file: the bench measures requests, not the audit key's storage.
  const auditKeys = createAuditKeyring(randomBytes(32), null, 'bench');
  const app = await buildApp({ db: dbs.bench_x1!, clock, auditKeys });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  const rows: { case: string; value: string; baseline: string; ratio: string }[] = [];
  const h = await load(helloUrl);
  rows.push({
    case: 'hello-world (baseline)',
    value: `${h.rps.toFixed(0)} req/s, p99 ${h.p99} ms`,
    baseline: '-',
    ratio: '1.000',
  });
  for (const route of ['/api/orgs', '/api/alerts']) {
    const r = await load(`${base}${route}`, { cookie });
    rows.push({
      case: `GET ${route} (demo, ${connections} conns)`,
      value: `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`,
      baseline: `${h.rps.toFixed(0)} req/s`,
      ratio: (r.rps / h.rps).toFixed(3),
    });
  }
  const today = clock.today();
  const t1 = await timeIt(() => evaluateFindings(dbs.bench_x1!, today), 20);
  const t10 = await timeIt(() => evaluateFindings(dbs.bench_x10!, today), 10);
  rows.push({
    case: 'alerts computed (uncached), demo size',
    value: `${t1.toFixed(1)} ms`,
    baseline: '-',
    ratio: '1.000',
  });
  rows.push({
    case: 'alerts computed (uncached), 10× demo',
    value: `${t10.toFixed(1)} ms`,
    baseline: `${t1.toFixed(1)} ms`,
    ratio: (t10 / t1).toFixed(2),
  });
  // Compliance matrix on the 10× college: the service and GET /api/compliance against one SQL aggregate.
  {
    const app10 = await buildApp({ db: dbs.bench_x10!, clock, auditKeys });
    await app10.listen({ port: 0, host: '127.0.0.1' });
    const base10 = `http://127.0.0.1:${(app10.server.address() as { port: number }).port}`;
    const login10 = await fetch(`${base10}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (!login10.ok) throw new Error(`login (10×) failed: ${login10.status}`);
    const cookie10 = (login10.headers.get('set-cookie') ?? '').split(';')[0]!;
    rows.push(...(await benchCompliance(dbs.bench_x10!, today, { base: base10, cookie: cookie10 })));
    await app10.close();
  }
  // Trust: a refused sign-in takes as long for an unknown name as for a real one; the input guard's cost.
  rows.push(...(await benchRefusedSignIn(dbs.bench_x1!, base, 'zhibu')));
  rows.push(...benchInputGuard());
  // Sign-in burst: 2,000 members of one 党总支 signing in to one 党课 (sign-in.ts).
  rows.push(...(await benchSignIn(dbs.bench_x1!, base)));
  // Last: the import adds 10,000 people to the demo college.
  rows.push(...(await benchMemberIo(dbs.bench_x1!, base, { cookie, csrf: csrfToken })));
  console.table(rows);

  await app.close();
  await hello.close();
  for (const db of Object.values(dbs)) await db.destroy();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
