// `npm run bench`: speed targets measured against a baseline in the same run (never timed tests).
// 1. GET /api/orgs and GET /api/alerts on the demo college under concurrent load, as ratios to a bare
//    Fastify hello-world on the same machine in the same run.
// 2. Findings (findings.ts, issue 12): the full evaluation at 10× against one SQL pass over the same tables;
//    a write with its incremental re-evaluation against the same write without; GET /api/alerts against a
//    minimal Fastify + pg handler running the same SQL; growth 1× → 10× → 30×; a mixed load with writes.
// 3. Importing 10,000 roster rows and exporting the roster, as ratios to exceljs alone (member-io.ts).
// 4. 2,000 QR sign-ins to one activity, p99 against GET /api/me at the same concurrency (sign-in.ts).
// 5. The compliance matrix of the 10× college over two years, against one SQL aggregate (compliance.ts).
// 6. A round's assessment facts (computeAssessmentFacts, all 26 metrics) for every branch and 党总支 of the 10×
//    college, against the SQL reading the same rows (assessment.ts; alone: bench/assessment-run.ts); the board of a
//    round over every branch read cold, warm and after one branch's write (only the orgs whose records changed).
// 7. A refused sign-in for an unknown name and a locked account against a wrong password; the input guard
//    against JSON.parse of a body at half the size limit (trust.ts).
// 8. 1,000 voters casting a ballot, arrivals spread and in a burst: none lost or counted twice, p99 against the
//    sign-in burst's of the same run (ballots.ts; alone: bench/ballots-run.ts).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp, findingsProviders } from '../src/app.ts';
import { connect, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCollege } from '../src/demo/generate.ts';
import { loadCollege } from '../src/demo/load.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';
import { registerFindingsProviders } from '../src/http/findings.ts';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { benchAssessment, benchBoardReads } from './assessment.ts';
import { benchBallots } from './ballots.ts';
import { benchCompliance } from './compliance.ts';
import {
  benchAlertsReads,
  benchFullEvaluation,
  benchGrowth,
  benchMixed,
  benchWriteRefresh,
  type Row,
  signIn,
} from './findings.ts';
import { benchMemberIo } from './member-io.ts';
import { benchPages } from './pages.ts';
import { benchSignIn } from './sign-in.ts';
import { benchInputGuard, benchRefusedSignIn } from './trust.ts';

const duration = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
// The mixed load runs 60 s unless BENCH_MIXED_SECONDS says otherwise (a shorter BENCH_SECONDS shortens it).
const mixedSeconds = Number(
  process.env.BENCH_MIXED_SECONDS ?? Math.min(60, Number(process.env.BENCH_SECONDS ?? 60)),
);
// The growth case's largest college (30× loads in ~80 s on 2 cores).
const growthScale = Number(process.env.BENCH_GROWTH_SCALE ?? 30);
const writes = Number(process.env.BENCH_WRITES ?? 200);
const password = 'Bench-Pass-2026!';

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

const dir = mkdtempSync(path.join(tmpdir(), 'dj-bench-'));
const pg = await startEmbeddedPostgres({ dir, port: 54500 });
const clock = createClock();
try {
  const hash = await hashPassword(password);
  const dbs: Record<string, ReturnType<typeof connect>> = {};
  const urls: Record<string, string> = {};
  for (const [name, scale] of [
    ['bench_x1', 1],
    ['bench_x10', 10],
    [`bench_x${growthScale}`, growthScale],
  ] as const) {
    await ensureDatabase(pg.adminUrl, name);
    urls[name] = withDatabase(pg.adminUrl, name);
    const db = connect(urls[name]!, 20);
    await migrateToLatest(db);
    const t0 = performance.now();
    const data = generateCollege({ scale, today: clock.today() });
    await db
      .transaction()
      .execute((trx) =>
        loadCollege(trx, data, { passwordHash: hash, mustChangePassword: false, isDemo: true }),
      );
    // Statistics as autovacuum would gather them after such a load, so plans do not depend on its timing.
    await sql`analyze`.execute(db);
    console.log(
      `loaded scale ${scale}: ${data.orgs.length} orgs, ${data.people.length} people in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    dbs[name] = db;
  }
  const x1 = dbs.bench_x1!;
  const x10 = dbs.bench_x10!;
  // buildApp registers the providers too; the evaluations below may run before any app is built.
  registerFindingsProviders(findingsProviders);
  // The demo's findings are in the table before anything reads them (start-up does this through the job queue).
  await evaluateAllFindings(x1, clock, 'bench');

  const hello = Fastify();
  hello.get('/hello', async () => ({ hello: 'world' }));
  await hello.listen({ port: 0, host: '127.0.0.1' });
  const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/hello`;

  // A throwaway audit key and no checkpoint file: the bench measures requests, not the audit key's storage.
  const auditKeys = createAuditKeyring(randomBytes(32), null, 'bench');
  const app = await buildApp({ db: x1, clock, auditKeys });
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

  const rows: Row[] = [];
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
  // Findings at 10×: the full evaluation (the first one of this database fills the table) and its growth.
  rows.push(...(await benchFullEvaluation(x10, clock)));
  rows.push(
    ...(await benchGrowth(
      [
        { scale: 1, db: x1 },
        { scale: 10, db: x10 },
        { scale: growthScale, db: dbs[`bench_x${growthScale}`]! },
      ],
      today,
    )),
  );
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
    rows.push(...(await benchCompliance(x10, today, { base: base10, cookie: cookie10 })));
    // Assessment facts of a round over every branch and 总支 of the 10× college, against the SQL reading them.
    rows.push(...(await benchAssessment(x10, today)));
    rows.push(...(await benchBoardReads(x10, clock)));
    // Reads of the stored findings, one write with its re-evaluation, then everything at once.
    const zhibu = await signIn(base10, 'zhibu', password);
    const zzb = await signIn(base10, 'zzb', password);
    rows.push(
      ...(await benchAlertsReads(
        urls.bench_x10!,
        base10,
        [
          { label: 'branch secretary (zhibu)', session: zhibu },
          { label: '组织部 (zzb, org_admin)', session: zzb },
        ],
        { connections, duration },
      )),
    );
    rows.push(...(await benchWriteRefresh(x10, base10, zhibu, writes)));
    await app10.close();
    rows.push(...(await benchMixed(x10, urls.bench_x10!, password, mixedSeconds, connections)));
  }
  // Trust: a refused sign-in takes as long for an unknown name as for a real one; the input guard's cost.
  rows.push(...(await benchRefusedSignIn(x1, base, 'zhibu')));
  rows.push(...benchInputGuard());
  // Sign-in burst: 2,000 members of one 党总支 signing in to one 党课 (sign-in.ts).
  const signInRows = await benchSignIn(x1, base);
  rows.push(...signInRows);
  // Ballots: 1,000 voters of one 党总支 grading its secretaries, against the sign-in burst's p99 (ballots.ts).
  rows.push(...(await benchBallots(x1, base, signInRows)));
  // Last: the import adds 10,000 people to the demo college.
  rows.push(...(await benchMemberIo(x1, base, { cookie, csrf: csrfToken })));
  // Page weight of /login and the 组织部's home page, served by a demo server of its own (needs `npm run build`).
  rows.push(...(await benchPages()));
  console.table(rows);

  await app.close();
  await hello.close();
  for (const db of Object.values(dbs)) await db.destroy();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
