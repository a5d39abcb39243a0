// Bench case of ballots (issue 17, called by run.ts after the sign-in burst): 1,000 voters of a 党总支 grade its 5
// branch secretaries (述职评议 民主测评), each with their own session, through the real HTTP server — once with their
// arrivals spread over the sign-in case's seconds, once all at once with as many in flight as the sign-in burst's
// saturation case, after which every voter tries again (all refused). None lost, none counted twice: the roll's marks,
// the papers and the closed tally all equal the voters, per item too; p99 against the QR sign-in burst's p99 of the
// same arrivals in the same run (target < 200 ms). Each vote, unlike a sign-in, is written to the audit log.
import { dutyReviewGrades } from '@dangjian/core';
import type { Actor, Db } from '../src/http/context.ts';
import { closeBallot, createBallot, getTally } from '../src/modules/ballots/service.ts';
import { burstGeneralBranch, concurrency, fire, paced } from './burst.ts';

const voters = 1_000;
const targetP99Ms = 200;

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
  // A 党总支 of 20 branches × 50 members; its 5 first branches' secretaries are graded.
  const { general, people, users, sessions } = await burstGeneralBranch(db, {
    name: '投票压测党总支',
    branch: '投票压测',
    member: '投票党员',
    username: 'ballot',
    branches: 20,
    perBranch: voters / 20,
  });

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
