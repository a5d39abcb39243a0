// Bench case of ballots (issue 17, called by run.ts after the sign-in burst): 1,000 voters of a 党总支 grade its 5
// branch secretaries (述职评议 民主测评), each with their own session, through the real HTTP server — once with their
// arrivals spread over the sign-in case's seconds, once all at once with as many in flight as the sign-in burst's
// saturation case, after which every voter tries again (all refused). None lost, none counted twice: the roll's marks,
// the papers and the closed tally all equal the voters, per item too; p99 against the QR sign-in burst's p99 of the
// same arrivals in the same run (target < 200 ms). Each vote, unlike a sign-in, is written to the audit log.
import { randomBytes } from 'node:crypto';
import { dutyReviewGrades, type OrgType } from '@dangjian/core';
import type { Actor, Db } from '../src/http/context.ts';
import { sessionIdOf } from '../src/http/guard.ts';
import { closeBallot, createBallot, getTally } from '../src/modules/ballots/service.ts';

const voters = 1_000;
const concurrency = Number(process.env.BENCH_SIGN_IN_CONCURRENCY ?? 50);
const targetP99Ms = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `count` requests with a fixed number in flight; latencies, statuses and the wall time. */
async function fire(count: number, send: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const s = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { wallMs, statuses, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Open-loop arrivals: request i starts at i × (seconds / count), whatever is still in flight. */
async function paced(count: number, seconds: number, send: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * seconds * 1000) / count - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      (async () => {
        const s = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      })(),
    );
  }
  await Promise.all(pending);
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { wallMs, statuses, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A user with a session written straight into the database; returns its cookie and CSRF token. */
async function session(db: Db, userId: number) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('session')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrf,
      created_at: now,
      last_seen_at: now,
      ip: null,
      user_agent: null,
    })
    .execute();
  return { cookie: `dj_session=${token}`, csrf };
}

/** The QR sign-in burst's p99 (spread arrivals, or `in flight`), from the sign-in rows of this run. */
function signInBaseline(
  rows: readonly { case: string; value: string }[],
  kind: 'arrivals' | 'in flight',
): number {
  const row = rows.find((r) => r.case.startsWith('QR sign-in') && r.case.includes(kind));
  const p99 = row ? /p99 ([\d.]+) ms/.exec(row.value)?.[1] : undefined;
  if (!p99) throw new Error('the sign-in burst did not run before the ballot burst');
  return Number(p99);
}

export async function benchBallots(
  db: Db,
  base: string,
  signInRows: readonly { case: string; value: string }[],
) {
  const baselineP99 = signInBaseline(signInRows, 'in flight');
  const pacedBaselineP99 = signInBaseline(signInRows, 'arrivals');
  const root = await db
    .selectFrom('org')
    .select(['id', 'path', 'depth'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const addOrg = async (parent: { id: number; path: string; depth: number }, type: OrgType, name: string) => {
    const o = await db
      .insertInto('org')
      .values({
        parent_id: parent.id,
        path: '',
        depth: parent.depth + 1,
        type,
        name,
        category: 'staff',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent.path}${o.id}/`;
    await db.updateTable('org').set({ path }).where('id', '=', o.id).execute();
    return { id: o.id, path, depth: parent.depth + 1 };
  };
  // A 党总支 of 20 branches × 50 members; its 5 first branches' secretaries are graded.
  const general = await addOrg(root, 'general_branch', '投票压测党总支');
  const people: number[] = [];
  for (let b = 0; b < 20; b++) {
    const branch = await addOrg(general, 'branch', `投票压测第${b + 1}党支部`);
    const rows = await db
      .insertInto('person')
      .values(
        Array.from({ length: voters / 20 }, (_, i) => ({
          name: `投票党员${b * 50 + i + 1}`,
          category: 'staff',
          party_status: 'full',
          org_id: branch.id,
          joined_on: '2015-07-01',
          confirmed_on: '2016-07-01',
          updated_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    people.push(...rows.map((r) => r.id));
  }
  const users = await db
    .insertInto('app_user')
    .values(
      people.map((personId) => ({
        username: `ballot_${personId}`,
        display_name: `投票党员${personId}`,
        person_id: personId,
        password_hash: 'x',
        must_change_password: false,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('user_role')
    .values(users.map((u) => ({ user_id: u.id, role: 'member', org_id: null })))
    .execute();
  const sessions: { cookie: string; csrf: string }[] = [];
  for (const u of users) sessions.push(await session(db, u.id));

  const organiser: Actor = {
    userId: users[0]!.id,
    username: 'bench',
    displayName: '组织部',
    personId: null,
    mustChangePassword: false,
    grants: [{ role: 'org_admin', orgId: null, orgName: null }],
    permissions: new Set(['ballot:ballot:manage']),
    scope: { kind: 'all' },
    sessionId: 'bench',
    csrfToken: 'bench',
    accountless: true,
  };
  const items = Array.from({ length: 5 }, (_, i) => ({
    key: `secretary-${i + 1}`,
    label: `第${i + 1}党支部书记`,
  }));
  const newBallot = async (title: string) => {
    const now = new Date();
    const { id } = await db.transaction().execute((trx) =>
      createBallot(trx, organiser, {
        purpose: 'duty_review',
        purposeRef: 'duty-review-0',
        orgId: general.id,
        title,
        items,
        voterPersonIds: people,
        opensAt: new Date(now.getTime() - 60_000),
        closesAt: new Date(now.getTime() + 3_600_000),
      }),
    );
    return id;
  };
  // Deterministic choices: voter i grades secretary j by (i + j) mod 4, every fifth leaves the last blank.
  const vote = (id: number) => (i: number) =>
    fetch(`${base}/api/ballots/${id}/votes`, {
      method: 'POST',
      headers: {
        cookie: sessions[i]!.cookie,
        'x-csrf-token': sessions[i]!.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        ballotChoices: items.map((item, j) => ({
          itemKey: item.key,
          choice: j === 4 && i % 5 === 0 ? null : dutyReviewGrades[(i + j) % 4],
        })),
      }),
    });

  /** None lost, none counted twice: the roll's marks, the papers and the closed tally all equal the voters. */
  async function check(id: number) {
    const marked = await db
      .selectFrom('ballot_voter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ballot_id', '=', id)
      .where('voted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const papers = await db
      .selectFrom('ballot_paper')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ballot_id', '=', id)
      .executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => closeBallot(trx, organiser, id, new Date()));
    const tally = await getTally(db, id);
    if (Number(marked.n) !== voters || Number(papers.n) !== voters || tally?.cast !== voters)
      throw new Error(`marked ${marked.n}, papers ${papers.n}, tally ${tally?.cast}: expected ${voters}`);
    for (const item of tally.items) {
      const sum = Object.values(item.counts).reduce((a, b) => a + b, 0) + item.abstain;
      if (sum !== voters) throw new Error(`${item.label}: ${sum} counted, expected ${voters}`);
    }
    return `${voters} marked, ${papers.n} papers, tally ${tally.cast}`;
  }
  const expect = (r: { statuses: Map<number, number> }, status: number, what: string) => {
    if (r.statuses.get(status) !== voters)
      throw new Error(`${what}: ${JSON.stringify([...r.statuses])}, expected ${voters} × ${status}`);
  };

  // 1. Arrivals spread over the sign-in case's seconds (a 测评 at a meeting: everyone votes within a minute).
  const seconds = Number(process.env.BENCH_SIGN_IN_SECONDS ?? 20);
  const first = await newBallot('投票压测党总支支部书记述职评议民主测评（分散到达）');
  const spread = await paced(voters, seconds, vote(first));
  expect(spread, 201, 'spread votes');
  const spreadCheck = await check(first);
  // 2. Saturation: everyone at once, as many in flight as the sign-in burst; then everyone again.
  const second = await newBallot('投票压测党总支支部书记述职评议民主测评（同时到达）');
  const burst = await fire(voters, vote(second));
  expect(burst, 201, 'ballot burst');
  const again = await fire(voters, vote(second));
  expect(again, 409, 'second votes');
  const burstCheck = await check(second);
  const rate = (voters / burst.wallMs) * 1000;
  const line = (r: { p50: number; p99: number; wallMs: number }) =>
    `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${(r.wallMs / 1000).toFixed(1)} s`;
  const target = (p99: number) => `p99 ${p99 < targetP99Ms ? '<' : '≥'} ${targetP99Ms} ms`;
  return [
    {
      case: `ballot ×${voters} voters, arrivals over ${seconds} s`,
      value: `${line(spread)}; ${spreadCheck}; ${target(spread.p99)}`,
      baseline: `QR sign-in p99 ${pacedBaselineP99.toFixed(1)} ms`,
      ratio: (spread.p99 / pacedBaselineP99).toFixed(2),
    },
    {
      case: `ballot ×${voters} voters, ${concurrency} in flight (${rate.toFixed(0)}/s)`,
      value: `${line(burst)}; ${burstCheck}; ${target(burst.p99)}`,
      baseline: `QR sign-in p99 ${baselineP99.toFixed(1)} ms`,
      ratio: (burst.p99 / baselineP99).toFixed(2),
    },
    {
      case: `the same ${voters} voting again`,
      value: `${line(again)}; ${voters} refused (已投过票), none counted twice`,
      baseline: `QR sign-in p99 ${baselineP99.toFixed(1)} ms`,
      ratio: (again.p99 / baselineP99).toFixed(2),
    },
  ];
}
