// Bench cases of the stored, incrementally re-evaluated findings (issue 12), called by run.ts:
// 1. full evaluation at 10× (evaluateFindings, and evaluateAllFindings with its reconcile, first and second
//    run) against one SQL pass over the same fact tables, after checking that both agree on two rules;
// 2. one write through the HTTP API with its incremental re-evaluation, against the same write with the
//    findings triggers disabled (no marks, nothing to re-evaluate);
// 3. GET /api/alerts (branch secretary and 组织部) against a minimal Fastify + pg handler running the same SQL;
// 4. growth of the full evaluation with the college's size;
// 5. mixed load over the main pages with writes interleaved, the server in a child process (RSS sampled).
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addMonths, alertQuery, branchTypes, type IsoDate, lifeRuleIds } from '@dangjian/core';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema.ts';
import type { Clock, Db } from '../src/http/context.ts';
import { evaluateFindings } from '../src/http/findings.ts';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { buildActor, sessionIdOf } from '../src/http/guard.ts';
import { findSessionWithUser } from '../src/http/sessions.ts';
import { listAlerts } from '../src/modules/alerts/service.ts';
import { getRuleSettings } from '../src/modules/settings/service.ts';

export type Row = { case: string; value: string; baseline: string; ratio: string };
export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;
const fmt = (n: number) => n.toLocaleString('en-US');

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { username, cookie, csrf: csrfToken };
}

/** Rows in activity_attendee + person: the size the growth case compares. */
export async function dataSize(db: Db): Promise<{ attendees: number; people: number; orgs: number }> {
  const { rows } = await sql<{ a: number; p: number; o: number }>`
    select (select count(*) from activity_attendee)::int as a, (select count(*) from person)::int as p,
      (select count(*) from org)::int as o`.execute(db);
  return { attendees: rows[0]!.a, people: rows[0]!.p, orgs: rows[0]!.o };
}

// ——— 1. Full evaluation against one SQL pass over the same tables ———

/**
 * The aggregates the providers need, written by hand, in parallel (as the providers run): branch sizes
 * (org, person), teams in force (term, appointment), closed records with their votes (activity,
 * activity_resolution), attendance per member and month and talks (activity_attendee, activity), open
 * dossiers (recruitment) and open transfers (transfer). Returns the two counts the check compares.
 */
async function factsBySql(db: Db, today: IsoDate, windowFrom: IsoDate, attendanceFrom: IsoDate) {
  const settings = await getRuleSettings(db);
  const [sizes, teams, records, attendance, talks, dossiers, transfers] = await Promise.all([
    sql<{ min_full: number; too_large: number; branches: number }>`
      with c as (
        select case when o.type = 'group' then o.parent_id else o.id end as branch_id,
          count(*) as n, count(*) filter (where p.party_status = 'full') as nfull
        from person p join org o on o.id = p.org_id
        where p.status = 'active' and p.party_status is not null group by 1)
      select count(*)::int as branches,
        (count(*) filter (where coalesce(c.nfull, 0) < 3))::int as min_full,
        (count(*) filter (where coalesce(c.n, 0) > case b.category when 'staff' then ${settings.staffBranchMaxMembers}::int
          when 'student' then ${settings.studentBranchMaxMembers}::int else ${settings.branchMaxMembers}::int end))::int as too_large
      from org b left join c on c.branch_id = b.id
      where b.archived_at is null and b.type = any(${[...branchTypes]}::text[])`.execute(db),
    sql`select t.org_id, count(distinct ap.person_id) as team
      from term t left join appointment ap on ap.term_id = t.id and ap.start_date <= ${today}
        and (ap.end_date is null or ap.end_date >= ${today})
      where t.start_date <= ${today} and t.actual_end_date is null group by t.org_id`.execute(db),
    sql`select a.org_id, a.kind, date_trunc('month', a.on_date) as month, count(*) as n,
        bool_and(v.ok) as quorum
      from activity a left join (select activity_id, bool_and(present_entitled * 2 > entitled) as ok
        from activity_resolution where is_vote group by activity_id) v on v.activity_id = a.id
      where a.status = 'closed' and a.on_date >= ${windowFrom} and a.on_date <= ${today}
      group by 1, 2, 3`.execute(db),
    sql`with a as materialized (select id, on_date from activity
        where status = 'closed' and on_date >= ${attendanceFrom} and on_date <= ${today}),
      p as materialized (select id from person where status = 'active')
      select x.person_id, date_trunc('month', a.on_date) as month,
        count(*) filter (where x.status = 'present') as present,
        count(*) filter (where x.status = 'leave') as leave,
        count(*) filter (where x.status in ('absent', 'expected')) as absent
      from activity_attendee x join a on a.id = x.activity_id join p on p.id = x.person_id
      where x.role <> 'guest'
      group by 1, 2`.execute(db),
    sql`select x.person_id, count(distinct a.on_date) as days
      from activity a cross join lateral (values (a.host_person_id), (a.partner_person_id)) as x(person_id)
      where a.kind = 'talk' and a.status = 'closed' and x.person_id is not null
        and a.on_date >= ${windowFrom} and a.on_date <= ${today} group by 1`.execute(db),
    sql`select r.org_id, count(*) as n from recruitment r join person p on p.id = r.person_id
      where r.outcome = 'in_progress' group by r.org_id`.execute(db),
    sql`select count(*) filter (where expires_on < ${today}) as expired, count(*) as n
      from transfer where status in ('requested', 'issued')`.execute(db),
  ]);
  return {
    branches: sizes.rows[0]!.branches,
    minFull: sizes.rows[0]!.min_full,
    tooLarge: sizes.rows[0]!.too_large,
    rows:
      teams.rows.length +
      records.rows.length +
      attendance.rows.length +
      talks.rows.length +
      dossiers.rows.length +
      transfers.rows.length,
  };
}

export async function benchFullEvaluation(db: Db, clock: Clock): Promise<Row[]> {
  const today = clock.today();
  // About the window the life rules read: two years of records, six months more of attendance.
  const windowFrom = addMonths(today, -24);
  const attendanceFrom = addMonths(today, -30);

  // The numbers must agree before the times mean anything: branch-size findings against SQL counts.
  const findings = await evaluateFindings(db, today, null);
  const facts = await factsBySql(db, today, windowFrom, attendanceFrom);
  const count = (rule: string) => findings.filter((f) => f.ruleId === rule).length;
  if (count('branch.min_full_members') !== facts.minFull)
    throw new Error(
      `branch.min_full_members: ${count('branch.min_full_members')} findings, SQL ${facts.minFull}`,
    );
  if (count('branch.max_members') !== facts.tooLarge)
    throw new Error(`branch.max_members: ${count('branch.max_members')} findings, SQL ${facts.tooLarge}`);
  const byProvider = new Map<string, number>();
  for (const f of findings) byProvider.set(f.provider, (byProvider.get(f.provider) ?? 0) + 1);
  const life = findings.filter((f) => (lifeRuleIds as readonly string[]).includes(f.ruleId)).length;

  const tSql = await timeIt(() => factsBySql(db, today, windowFrom, attendanceFrom), 5);
  const tEval = await timeIt(() => evaluateFindings(db, today, null), 5);
  // First full evaluation of this database (the finding table is empty: every finding appears).
  const t0 = performance.now();
  const first = await evaluateAllFindings(db, clock, 'bench');
  const tFirst = performance.now() - t0;
  // Again with nothing changed: every finding is seen again (last seen, text refreshed), none appears.
  let second = first;
  const tSecond = await timeIt(async () => {
    second = await evaluateAllFindings(db, clock, 'bench');
  }, 3);
  if (second.appeared !== 0 || second.resolved !== 0)
    throw new Error(`second full evaluation changed findings: ${JSON.stringify(second)}`);
  const provs = [...byProvider.entries()].map(([p, n]) => `${p} ${fmt(n)}`).join(', ');
  return [
    {
      case: `SQL pass over the providers' fact tables, 10× (${fmt(facts.rows)} aggregate rows; ${facts.branches} branches) (baseline)`,
      value: ms(tSql),
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `evaluateFindings, every provider, 10×: ${fmt(findings.length)} findings (${provs}; ${fmt(life)} life); branch-size counts equal to SQL (${facts.minFull} + ${facts.tooLarge})`,
      value: ms(tEval),
      baseline: ms(tSql),
      ratio: (tEval / tSql).toFixed(2),
    },
    {
      case: `evaluateAllFindings, 10×, first run (${fmt(first.appeared)} findings appear in the table)`,
      value: ms(tFirst),
      baseline: ms(tSql),
      ratio: (tFirst / tSql).toFixed(2),
    },
    {
      case: `evaluateAllFindings, 10×, again with nothing changed (${fmt(second.found)} seen, 0 appear/resolve)`,
      value: ms(tSecond),
      baseline: ms(tSql),
      ratio: (tSecond / tSql).toFixed(2),
    },
  ];
}

// ——— 4. Growth ———

export async function benchGrowth(dbs: { scale: number; db: Db }[], today: IsoDate): Promise<Row[]> {
  const out: Row[] = [];
  let first: { t: number; size: number } | null = null;
  for (const { scale, db } of dbs) {
    const size = await dataSize(db);
    const n = (await evaluateFindings(db, today, null)).length;
    const t = await timeIt(() => evaluateFindings(db, today, null), scale >= 20 ? 2 : scale >= 10 ? 3 : 10);
    const rows = size.attendees + size.people;
    first ??= { t, size: rows };
    out.push({
      case: `growth: evaluateFindings at ${scale}× (${fmt(size.orgs)} orgs, ${fmt(size.people)} people, ${fmt(size.attendees)} attendance rows: data ${(rows / first.size).toFixed(1)}× of 1×; ${fmt(n)} findings)`,
      value: ms(t),
      baseline: ms(first.t),
      ratio: (t / first.t).toFixed(2),
    });
  }
  return out;
}

// ——— 2. One write and its incremental re-evaluation ———

/** The triggers that write the findings marks (migration 20261206_1000_findings) on `person`. */
async function personTriggers(db: Db, on: boolean) {
  await sql.raw(`alter table person ${on ? 'enable' : 'disable'} trigger user`).execute(db);
}

/**
 * The body of a member edit that the findings engine must look at: the name, back and forth (a secretary's name is
 * in their branch's findings, so the person trigger marks it; a phone number, which no rule reads, would not).
 */
function renameBody(m: { id: number; name: string }, version: number | undefined) {
  const marked = !renamed.has(m.id);
  if (marked) renamed.add(m.id);
  else renamed.delete(m.id);
  return JSON.stringify({ name: marked ? `${m.name}·` : m.name, version });
}
/** Members whose name carries the bench's mark now (each write flips it: every write changes the name). */
const renamed = new Set<number>();

/**
 * PATCH /api/members/{id} (the name, see renameBody) by the branch secretary, one at a time, N times with the
 * findings work and N times without, in alternating blocks. With: the person trigger marks the member's
 * branch, and runWrite awaits processMarks (the providers reading `person` on the branch, its ancestors
 * and 党小组). Without: the person table's triggers are disabled (ALTER TABLE … DISABLE TRIGGER USER), so
 * the write leaves no mark and the refresh finds nothing (one short transaction).
 */
export async function benchWriteRefresh(db: Db, base: string, s: Session, n: number): Promise<Row[]> {
  const members = await membersOf(db, s.username, 20);
  const version = new Map(members.map((m) => [m.id, m.version]));
  let k = 0;
  const patch = async () => {
    const m = members[k++ % members.length]!;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/members/${m.id}`, {
      method: 'PATCH',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      body: renameBody(m, version.get(m.id)),
    });
    const body = (await res.json()) as { version?: number };
    const t = performance.now() - t0;
    if (!res.ok) throw new Error(`PATCH member ${m.id}: ${res.status} ${JSON.stringify(body)}`);
    version.set(m.id, body.version!);
    return t;
  };
  const withWork: number[] = [];
  const without: number[] = [];
  const evalBefore = await lastEvaluationId(db);
  for (let i = 0; i < 5; i++) await patch(); // warm-up
  const block = Math.max(5, Math.floor(n / 4));
  try {
    for (let done = 0; done < n; done += block) {
      await personTriggers(db, false);
      for (let i = 0; i < block; i++) without.push(await patch());
      await personTriggers(db, true);
      for (let i = 0; i < block; i++) withWork.push(await patch());
    }
  } finally {
    await personTriggers(db, true);
  }
  const incrementals = await db
    .selectFrom('finding_evaluation')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`avg(org_count)::float`.as('orgs'),
      sql<number>`percentile_cont(0.99) within group (order by extract(epoch from finished_at - started_at) * 1000)`.as(
        'p99',
      ),
    ])
    .where('id', '>', evalBefore)
    .where('kind', '=', 'incremental')
    .executeTakeFirstOrThrow();
  withWork.sort((a, b) => a - b);
  without.sort((a, b) => a - b);
  const [p50w, p99w, p50o, p99o] = [
    quantile(withWork, 0.5),
    quantile(withWork, 0.99),
    quantile(without, 0.5),
    quantile(without, 0.99),
  ];
  return [
    {
      case: `PATCH /api/members/{id} (name) by the branch secretary, 10×, sequential ×${without.length}, findings triggers disabled (baseline)`,
      value: `p50 ${ms(p50o)}, p99 ${ms(p99o)}`,
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `same write with its incremental re-evaluation (${incrementals.n} evaluations, ${Number(incrementals.orgs).toFixed(0)} orgs each; their reconciliation, as logged, p99 ${ms(Number(incrementals.p99))})`,
      value: `p50 ${ms(p50w)}, p99 ${ms(p99w)}; p99 +${ms(p99w - p99o)}`,
      baseline: `p99 ${ms(p99o)}`,
      ratio: (p99w / p99o).toFixed(2),
    },
  ];
}

async function lastEvaluationId(db: Db): Promise<string> {
  const r = await db
    .selectFrom('finding_evaluation')
    .select(sql<string>`coalesce(max(id), 0)::text`.as('id'))
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Active members in the scope of the account's first role (the whole college for a college-wide role). */
async function membersOf(db: Db, username: string, limit: number) {
  const role = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .leftJoin('org as o', 'o.id', 'r.org_id')
    .select(['o.path'])
    .where('u.username', '=', username)
    .orderBy('r.id')
    .executeTakeFirstOrThrow();
  let q = db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.version', 'p.name'])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'is not', null);
  if (role.path) q = q.where('o.path', 'like', `${role.path}%`);
  return q.orderBy('p.id').limit(limit).execute();
}

// ——— 3. GET /api/alerts against a minimal handler running the same SQL ———

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The statements GET /api/alerts runs for this session, as Kysely emits them: the guard's session and role
 * grants queries, then the list's page, count, facet counts and evaluation status (listAlerts with the
 * route's default query).
 */
async function alertsStatements(url: string, cookie: string) {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const token = decodeURIComponent(cookie.split('=')[1]!);
  const sessionId = sessionIdOf(token);
  const row = await findSessionWithUser(logged, sessionId);
  if (!row) throw new Error('no session');
  const guard = captured.splice(0);
  const actor = await buildActor(logged, row, row);
  const grants = captured.splice(0);
  const { page, pageSize, ...filter } = alertQuery.parse({});
  await listAlerts(logged, actor, filter, { page, pageSize });
  const list = captured.splice(0);
  await logged.destroy();
  return { session: guard[0]!, grants: grants[0]!, list };
}

/**
 * A bare Fastify route on a bare pg pool doing what GET /api/alerts does against the database: hash the
 * cookie's token, read the session and the role grants (the same statements as the guard), then the list's
 * statements in parallel (as listAlerts does), and return their rows as JSON. No zod, no hooks, no actor.
 */
async function minimalAlertsServer(url: string, statements: Awaited<ReturnType<typeof alertsStatements>>) {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  pool.on('error', () => {});
  // Kysely logs a statement when it completes, so find the page and the total by their text.
  const pageAt = statements.list.findIndex((q) => / offset \$\d+/.test(q.sql));
  const totalAt = statements.list.findIndex(
    (q) => /count\(\*\)/.test(q.sql) && !/group by/.test(q.sql) && /"finding" as "f"/.test(q.sql),
  );
  if (pageAt < 0 || totalAt < 0) throw new Error('alerts statements: page or total not found');
  const app = Fastify();
  app.get('/alerts', async (req, reply) => {
    const m = /(?:^|;\s*)dj_session=([^;]+)/.exec(req.headers.cookie ?? '');
    if (!m) return reply.code(401).send({ code: 'UNAUTHENTICATED' });
    const id = createHash('sha256').update(decodeURIComponent(m[1]!)).digest('hex');
    const s = await pool.query(statements.session.sql, [id]);
    if (s.rows.length === 0) return reply.code(401).send({ code: 'UNAUTHENTICATED' });
    await pool.query(statements.grants.sql, [s.rows[0].userId]);
    const results = await Promise.all(
      statements.list.map((q) => pool.query(q.sql, q.parameters as unknown[])),
    );
    return {
      items: results[pageAt]!.rows,
      total: results[totalAt]!.rows[0],
      counts: results.filter((_, i) => i !== pageAt && i !== totalAt).map((r) => r.rows),
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export async function benchAlertsReads(
  url: string,
  base: string,
  sessions: { label: string; session: Session }[],
  load: { connections: number; duration: number },
): Promise<Row[]> {
  const out: Row[] = [];
  for (const { label, session } of sessions) {
    const statements = await alertsStatements(url, session.cookie);
    const minimal = await minimalAlertsServer(url, statements);
    try {
      const probe = await fetch(`${base}/api/alerts`, { headers: { cookie: session.cookie } });
      const body = (await probe.json()) as { total: number; items: unknown[] };
      if (!probe.ok) throw new Error(`GET /api/alerts as ${session.username}: ${probe.status}`);
      const mini = (await (await fetch(minimal.url, { headers: { cookie: session.cookie } })).json()) as {
        items: unknown[];
        total: { n: string };
      };
      if (Number(mini.total.n) !== body.total || mini.items.length !== body.items.length)
        throw new Error(`minimal handler and GET /api/alerts disagree: ${mini.total.n} vs ${body.total}`);
      const run = async (target: string) => {
        const r = await autocannon({
          url: target,
          connections: load.connections,
          duration: load.duration,
          headers: { cookie: session.cookie },
        });
        if (r.non2xx > 0 || r.errors > 0)
          throw new Error(`${target}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        return { rps: r.requests.average, p99: r.latency.p99 };
      };
      const b = await run(minimal.url);
      const a = await run(`${base}/api/alerts`);
      out.push(
        {
          case: `minimal Fastify + pg: session + grants + the same ${statements.list.length} statements, as ${label} (baseline)`,
          value: `${b.rps.toFixed(0)} req/s, p99 ${b.p99} ms`,
          baseline: '-',
          ratio: '1.000',
        },
        {
          case: `GET /api/alerts as ${label}, 10× (${fmt(body.total)} active findings in scope, page of ${body.items.length}), ${load.connections} conns`,
          value: `${a.rps.toFixed(0)} req/s, p99 ${a.p99} ms`,
          baseline: `${b.rps.toFixed(0)} req/s`,
          ratio: (a.rps / b.rps).toFixed(3),
        },
      );
    } finally {
      await minimal.close();
    }
  }
  return out;
}

// ——— 5. Mixed load against the server in a child process ———

const here = path.dirname(fileURLToPath(import.meta.url));

function startServer(url: string): Promise<{ child: ChildProcess; base: string; rss: number }> {
  const child = fork(path.join(here, 'serve.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_DB_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited: ${code}`)));
    child.once('message', (m: { port: number; rss: number }) =>
      resolve({ child, base: `http://127.0.0.1:${m.port}`, rss: m.rss }),
    );
  });
}

function stopServer(child: ChildProcess): Promise<{ peakRss: number; samples: number; lastRss: number }> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('message', (m: { peakRss: number; samples: number; lastRss: number }) => resolve(m));
    child.send('stop');
  });
}

/**
 * 20 connections (10 as the 组织部, 10 as a branch secretary) for `seconds`, each cycling over GET /api/orgs,
 * /api/alerts, /api/members, /api/activities and /api/compliance; every 20th request of a connection is a
 * PATCH of a member's name in the caller's scope (which re-evaluates findings and drops the caches). A
 * request not answered within 10 s counts as a timeout (autocannon's default).
 */
export async function benchMixed(
  db: Db,
  url: string,
  password: string,
  seconds: number,
  connections = 20,
): Promise<Row[]> {
  const server = await startServer(url);
  const { base } = server;
  const users = [await signIn(base, 'zzb', password), await signIn(base, 'zhibu', password)];
  const pool = {
    zzb: await membersOf(db, 'zzb', 400),
    zhibu: await membersOf(db, 'zhibu', 40),
  } as Record<string, { id: number; version: number; name: string }[]>;
  const version = new Map<number, number>();
  for (const list of Object.values(pool)) for (const m of list) version.set(m.id, m.version);
  // A member's name goes back and forth: each write leaves marks for the findings engine (see renameBody).
  const reads = ['/api/orgs', '/api/alerts', '/api/members', '/api/activities', '/api/compliance'];
  const lat: number[] = [];
  const writeLat: number[] = [];
  // Latency per route and caller, for the breakdown printed after the run.
  const byRoute = new Map<string, number[]>();
  let timeouts = 0;
  let errors = 0;
  let conflicts = 0;
  const status = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  const worker = async (w: number) => {
    const s = users[w % 2]!;
    const mine = pool[s.username]!.filter((_, i) => i % Math.ceil(connections / 2) === Math.floor(w / 2));
    for (let i = w; performance.now() < end; i++) {
      const write = i % 20 === 19 && mine.length > 0;
      const t0 = performance.now();
      try {
        let res: Response;
        if (write) {
          const m = mine[i % mine.length]!;
          res = await fetch(`${base}/api/members/${m.id}`, {
            method: 'PATCH',
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
            body: renameBody(m, version.get(m.id)),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await res.json()) as { version?: number };
          if (res.ok) version.set(m.id, body.version!);
          else if (res.status === 409) {
            conflicts++;
            const cur = await db
              .selectFrom('person')
              .select('version')
              .where('id', '=', m.id)
              .executeTakeFirst();
            if (cur) version.set(m.id, cur.version);
          }
        } else {
          res = await fetch(`${base}${reads[i % reads.length]}`, {
            headers: { cookie: s.cookie },
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
        }
        const t = performance.now() - t0;
        (write ? writeLat : lat).push(t);
        const route = `${s.username} ${write ? 'PATCH /api/members/:id' : reads[i % reads.length]}`;
        byRoute.set(route, [...(byRoute.get(route) ?? []), t]);
        status.set(res.status, (status.get(res.status) ?? 0) + 1);
        if (!res.ok && res.status !== 409) errors++;
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') timeouts++;
        else errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t0) / 1000;
  const mem = await stopServer(server.child);
  console.table(
    [...byRoute.entries()].sort().map(([route, xs]) => {
      xs.sort((a, b) => a - b);
      return {
        route,
        n: xs.length,
        p50: ms(quantile(xs, 0.5)),
        p99: ms(quantile(xs, 0.99)),
        max: ms(xs.at(-1)!),
      };
    }),
  );
  const all = [...lat, ...writeLat].sort((a, b) => a - b);
  lat.sort((a, b) => a - b);
  writeLat.sort((a, b) => a - b);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const codes = [...status.entries()].map(([c, n]) => `${c}×${n}`).join(' ');
  return [
    {
      case: `mixed load, 10×, ${connections} conns × ${seconds} s (组织部 + branch secretary; orgs, alerts, members, activities, compliance; 1 in 20 a PATCH of a name): ${fmt(all.length)} requests (${codes}), ${timeouts} timeouts, ${errors} errors, ${conflicts} version conflicts`,
      value: `${(all.length / elapsed).toFixed(0)} req/s, p50 ${ms(quantile(all, 0.5))}, p99 ${ms(quantile(all, 0.99))} (reads p99 ${ms(quantile(lat, 0.99))}, writes p99 ${ms(quantile(writeLat, 0.99))})`,
      baseline: 'p99 ≤ 1,000 ms',
      ratio: (quantile(all, 0.99) / 1000).toFixed(2),
    },
    {
      case: `mixed load: server process RSS, sampled every 100 ms (${mem.samples} samples; after start ${mb(server.rss)}, at the end ${mb(mem.lastRss)})`,
      value: `peak ${mb(mem.peakRss)}`,
      baseline: '≤ 400 MB',
      ratio: (mem.peakRss / (400 * 1024 * 1024)).toFixed(2),
    },
  ];
}
