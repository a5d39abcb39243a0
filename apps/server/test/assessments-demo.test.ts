/**
 * The demo's assessments as the platform shows them on first start (issue 16, item 7), played through the service:
 * the year before last's 星级 round final (scored from the 工作台账: no records of that year, so every item is
 * judged), last year's 星级 round final for every eligible branch within the 五星级 quota (one branch capped at
 * 二星级 by a veto, one refused 五星级 by the quota and rated again, the branches founded within the year 不参评), last year's
 * 标准化达标 round final, this year's 星级 round in 自评 — zhibu's branch waiting for its 自评, a branch under zongzhi's
 * 总支 waiting for its review. Each step replays through core's procedure.
 */
import {
  type AssessmentRoundDetail,
  type AssessmentRoundItem,
  type OrgAssessmentDetail,
  type OrgAssessmentResults,
  parseStepRefId,
  parseTermRefId,
  quotaConflicts,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let zongzhi: Client;
let zhibu: Client;
let leader: Client;
let rounds: AssessmentRoundItem[];
const board = async (c: Client, title: string) => {
  const r = rounds.find((x) => x.title === title)!;
  const res = await c.get(`/api/assessments/${r.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AssessmentRoundDetail;
};

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
  [zzb, zongzhi, zhibu, leader] = [
    await t.login('zzb', demoPassword),
    await t.login('zongzhi', demoPassword),
    await t.login('zhibu', demoPassword),
    await t.login('leader', demoPassword),
  ];
  rounds = ((await zzb.get('/api/assessments?pageSize=100')).json() as { items: AssessmentRoundItem[] })
    .items;
}, 300_000);
afterAll(() => t.close());

describe('the demo’s assessments', () => {
  it('four rounds: the year before last’s 星级 and last year’s 星级 and 标准化 final, this year’s 星级 in 自评', () => {
    expect(rounds.map((r) => r.title).sort()).toEqual([
      '2024年度星级党支部评定',
      '2025年度党支部标准化规范化建设达标验收',
      '2025年度星级党支部评定',
      '2026年度星级党支部评定',
    ]);
  });

  it('last year’s 星级: every eligible branch final, 五星级 within 30 %, a veto at 二星级, the young not rated', async () => {
    const d = await board(zzb, '2025年度星级党支部评定');
    const rated = d.orgs.filter((o) => o.status !== 'not_rated');
    expect(rated.every((o) => o.status === 'final')).toBe(true);
    expect(d.orgs.filter((o) => o.status === 'not_rated').length).toBeGreaterThanOrEqual(3);
    const five = rated.filter((o) => o.stars === 5).length;
    expect(five).toBeLessThanOrEqual(Math.floor(rated.length * 0.3));
    expect(five).toBeGreaterThanOrEqual(3);
    expect(
      quotaConflicts(
        rated.map((o) => ({ orgId: o.orgId, orgName: o.orgName, stars: o.stars })),
        [{ minStars: 5, maxPercent: 30 }],
        rated.length,
      ),
    ).toEqual([]);
    const vetoed = rated.filter((o) => o.vetoed);
    expect(vetoed.length).toBeGreaterThanOrEqual(1);
    expect(vetoed.every((o) => (o.stars ?? 0) <= 2)).toBe(true);
    expect(new Set(rated.map((o) => o.stars)).size).toBeGreaterThanOrEqual(3);
    // The vetoed branch's 整改 result opened rectification items, shown on its scorecard.
    const card = (
      await zzb.get(`/api/assessments/${d.id}/orgs/${vetoed[0]!.orgId}`)
    ).json() as OrgAssessmentDetail;
    expect(JSON.stringify(card)).toContain('rectification');
  });

  it('the year before last’s 星级, scored from the 工作台账: final, within the quota; last year’s compares with it', async () => {
    const before = await board(zzb, '2024年度星级党支部评定');
    const last = await board(zzb, '2025年度星级党支部评定');
    const rated = before.orgs.filter((o) => o.status !== 'not_rated');
    expect(rated.length).toBeGreaterThan(20);
    expect(rated.every((o) => o.status === 'final' && o.stars !== null)).toBe(true);
    expect(
      quotaConflicts(
        rated.map((o) => ({ orgId: o.orgId, orgName: o.orgName, stars: o.stars })),
        [{ minStars: 5, maxPercent: 30 }],
        rated.length,
      ),
    ).toEqual([]);
    // No 整改 result that year: its results opened no rectification items.
    expect(rated.every((o) => (o.stars ?? 0) >= 3)).toBe(true);
    // Nothing on the platform was counted for it: every item was judged against the 台账.
    const card = (
      await zzb.get(`/api/assessments/${before.id}/orgs/${rated[0]!.orgId}`)
    ).json() as OrgAssessmentDetail;
    expect(JSON.stringify(card.score)).not.toContain('"kind":"metric"');
    // The leader's overview compares the star levels of the two years: they differ.
    const count = (orgs: typeof rated, stars: number) => orgs.filter((o) => o.stars === stars).length;
    const lastRated = last.orgs.filter((o) => o.status === 'final');
    expect([1, 2, 3, 4, 5].some((n) => count(rated, n) !== count(lastRated, n))).toBe(true);
    expect(count(lastRated, 5)).toBeGreaterThanOrEqual(count(rated, 5));
    // An old branch's results by year: both years' 星级, and last year's 标准化.
    const old = rated.find((o) => lastRated.some((l) => l.orgId === o.orgId))!;
    const trend = (await leader.get(`/api/orgs/${old.orgId}/assessments`)).json() as OrgAssessmentResults;
    expect(trend.results.map((r) => r.roundTitle).sort()).toEqual([
      '2024年度星级党支部评定',
      '2025年度党支部标准化规范化建设达标验收',
      '2025年度星级党支部评定',
    ]);
  });

  it('the quota refusal shows in a branch’s steps: returned with the rule’s words, then decided below 五星级', async () => {
    const d = await board(zzb, '2025年度星级党支部评定');
    let found = false;
    for (const o of d.orgs.filter((x) => x.status === 'final' && x.stars === 4)) {
      const card = (await zzb.get(`/api/assessments/${d.id}/orgs/${o.orgId}`)).json() as OrgAssessmentDetail;
      if (JSON.stringify(card).includes('超出比例限制')) found = true;
    }
    expect(found).toBe(true);
  });

  it('this year’s round: most wait for their 自评, zhibu’s branch among them; zongzhi has a review waiting', async () => {
    const d = await board(zzb, '2026年度星级党支部评定');
    const waiting = d.orgs.filter((o) => o.status === 'self_assessment').length;
    expect(waiting).toBeGreaterThan(d.orgs.length / 2);
    expect(d.orgs.some((o) => o.status === 'general_branch_review')).toBe(true);
    expect(d.orgs.some((o) => o.status === 'department_review')).toBe(true);
    const mine = await board(zhibu, '2026年度星级党支部评定');
    expect(mine.orgs).toHaveLength(1);
    expect(mine.orgs[0]!.status).toBe('self_assessment');
    const theirs = await board(zongzhi, '2026年度星级党支部评定');
    expect(theirs.orgs.some((o) => o.status === 'general_branch_review')).toBe(true);
    // No step of this year's round has reached the 组织部's approval: every veto is one of the records', whose year
    // is still running — 暂定. Last year's stand.
    const vetoed = d.orgs.filter((o) => o.vetoed);
    expect(vetoed.length).toBeGreaterThan(0);
    expect(vetoed.every((o) => o.vetoProvisional && o.provisionalVetoes.length > 0)).toBe(true);
    const last = await board(zzb, '2025年度星级党支部评定');
    expect(last.orgs.some((o) => o.vetoed)).toBe(true);
    expect(last.orgs.every((o) => !o.vetoProvisional && o.provisionalVetoes.length === 0)).toBe(true);
    const inbox = async (c: Client) => JSON.stringify((await c.get('/api/inbox')).json());
    expect(await inbox(zhibu)).toContain('2026年度星级党支部评定');
    expect(await inbox(zongzhi)).toContain('2026年度星级党支部评定');
  });

  it('the leader sees the rounds and last year’s distribution', async () => {
    const res = await leader.get('/api/assessments?pageSize=100');
    expect(res.statusCode).toBe(200);
    const d = await board(leader, '2025年度星级党支部评定');
    expect(d.orgs.filter((o) => o.stars === 5).length).toBeGreaterThanOrEqual(3);
  });

  it('every record a computed figure came from names the page that opens it', async () => {
    const refs: { kind: string; id: string }[] = [];
    const collect = (v: unknown, key = ''): void => {
      if (Array.isArray(v)) {
        if (key === 'records') refs.push(...(v as { kind: string; id: string }[]));
        else for (const x of v) collect(x);
      } else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) collect(x, k);
    };
    for (const r of rounds) {
      const d = await board(zzb, r.title);
      for (const o of d.orgs.filter((x) => x.status !== 'not_rated')) {
        const res = await zzb.get(`/api/assessments/${d.id}/orgs/${o.orgId}`);
        expect(res.statusCode).toBe(200);
        collect((res.json() as OrgAssessmentDetail).score);
      }
    }
    const numeric = (id: string) => /^[1-9]\d*$/.test(id);
    const opens = (ref: { kind: string; id: string }): boolean => {
      switch (ref.kind) {
        case 'term':
          return parseTermRefId(ref.id)?.termId != null;
        case 'recruitment_step': {
          const p = parseStepRefId(ref.id);
          return p !== null && (p.eventId !== null || p.step !== null);
        }
        case 'finding':
          return ref.id.length > 0;
        default:
          return numeric(ref.id);
      }
    };
    expect(refs.filter((ref) => !opens(ref))).toEqual([]);
    const kinds = new Set(refs.map((ref) => ref.kind));
    for (const k of ['activity', 'finding', 'term', 'recruitment_step']) expect(kinds).toContain(k);
  }, 120_000);

  it('a step taken for a secretary without an account keeps their name and no account id', async () => {
    const steps = await t.db
      .selectFrom('assessment_step as s')
      .leftJoin('app_user as u', 'u.id', 's.actor_id')
      .select(['s.actor_id', 's.actor_name', 'u.display_name'])
      .execute();
    expect(steps.length).toBeGreaterThan(100);
    const accountless = steps.filter((s) => s.actor_id === null);
    expect(accountless.length).toBeGreaterThan(0);
    expect(accountless.every((s) => s.actor_name !== null && s.actor_name !== '')).toBe(true);
    // A step under an account is that account's own: its name is the account's.
    for (const s of steps.filter((x) => x.actor_id !== null)) expect(s.actor_name).toBe(s.display_name);
  });

  it('the items last year’s results opened are mostly rectified and closed, each closed one with its evidence', async () => {
    const res = await zzb.get('/api/rectifications?source=assessment&pageSize=100');
    const { items } = res.json() as {
      items: { id: number; status: string; overdue: boolean; evidenceCount: number }[];
    };
    expect(items.length).toBeGreaterThan(5);
    const closed = items.filter((i) => i.status === 'closed');
    expect(closed.length / items.length).toBeGreaterThan(0.6);
    expect(items.filter((i) => i.overdue).length / items.length).toBeLessThan(0.25);
    for (const i of closed) expect(i.evidenceCount).toBeGreaterThan(0);
  });
});
