/**
 * Assessments (考核, issue 16) through the API: indicator systems from a template, a copy or a definition, frozen once
 * a round uses them; rounds with eligibility (a branch younger than a year is 不参评) and facts computed from the
 * records with their provenance; judgements by level with scope checks on every linked record; the whole procedure
 * to 公示 in working days and the final result (test clock); quotas refused naming the orgs, also when two decisions
 * race; a veto capping the stars and a 整改 result opening rectification items once; the 待办, the findings and the
 * notifications; the results sheet and the scorecard in Word; scope (a branch sees its own, a 总支 its branches).
 */
import type {
  AssessmentRoundDetail,
  InboxResponse,
  IndicatorSystemBody,
  IndicatorSystemDetail,
  OrgAssessmentDetail,
  OrgAssessmentResults,
} from '@dangjian/core';
import { publicNoticeEnd } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { docxText } from './fixtures/docx.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';
import { insertDossier, walk } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Res = { statusCode: number; body: string; json: () => unknown };

// 2026-12-01 is a Tuesday.
const clock = testClock(new Date('2026-12-01T04:00:00Z'));
const missingId = 2_000_000_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const orgs = {} as { branchC: number; branchD: number };
let admin: Client;
let gsec: Client;
let secA: Client;
let secB: Client;
let secC: Client;
let secD: Client;
let otherSec: Client;
let leader: Client;
let member: Client;
/** Closed records: a 组织生活会 of branch A (in the period), and one of the 直属支部 (outside A's scope). */
const records = {} as { reviewA: number; otherMeeting: number };

async function ok<T = OrgAssessmentDetail>(res: Res, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const err = (res: Res) => res.json() as { code: string; message: string; details?: Record<string, unknown> };

/** A 100-point system of two judged indicators and a judged veto capping at 二星级; 五星级 ≤ 30 %. */
const judgedSystem = (name = '测试星级党支部评定（评审）'): IndicatorSystemBody => ({
  kind: 'star_rating',
  level: 'branch',
  name,
  year: 2026,
  mode: 'score',
  maxScore: 100,
  dimensions: [
    {
      id: 'A',
      title: '班子建设',
      max: 50,
      indicators: [{ method: 'judgement', id: 'A1', title: '支委分工明确、履职尽责', max: 50 }],
    },
    {
      id: 'B',
      title: '作用发挥',
      max: 50,
      indicators: [{ method: 'judgement', id: 'B1', title: '发挥战斗堡垒作用', max: 50 }],
    },
  ],
  vetoes: [
    {
      id: 'V1',
      title: '班子成员发生严重违纪问题',
      cap: { kind: 'max_stars', stars: 2 },
    },
  ],
  rating: {
    starBands: [
      { stars: 1, minScore: 0 },
      { stars: 2, minScore: 60 },
      { stars: 3, minScore: 70 },
      { stars: 4, minScore: 80 },
      { stars: 5, minScore: 90 },
    ],
    quotas: [{ minStars: 5, maxPercent: 30 }],
    minAgeMonths: 12,
    followUp: { basis: 'stars', exemplaryFrom: 5, rectifyBelow: 3 },
  },
});

const roundBody = (systemId: number, over: Record<string, unknown> = {}) => ({
  systemId,
  title: '2026年度星级党支部评定',
  periodStart: '2026-01-01',
  periodEnd: '2026-11-30',
  scopeOrgId: tree.committee.id,
  ...over,
});

const scorecard = (c: Client, round: number, org: number) => c.get(`/api/assessments/${round}/orgs/${org}`);
const judge = async (c: Client, round: number, org: number, body: Record<string, unknown>) => {
  const { version } = await ok(await scorecard(c, round, org));
  return c.put(`/api/assessments/${round}/orgs/${org}`, { adjustments: [], version, ...body });
};
const step = (
  c: Client,
  round: number,
  org: number,
  transition: string,
  extra: Record<string, unknown> = {},
) => c.post(`/api/assessments/${round}/orgs/${org}/transitions`, { transition, ...extra });
const selfScores = (a: number, b: number) => ({
  judgements: [
    { itemId: 'A1', value: a, comment: '支委分工见支委会记录' },
    { itemId: 'B1', value: b },
  ],
});
const secretaryOf = (org: number): Client =>
  org === tree.branchA.id
    ? secA
    : org === orgs.branchC
      ? secC
      : org === orgs.branchD
        ? secD
        : org === tree.other.id
          ? otherSec
          : secB;

/** Takes an org of a judged round through 自评 (with these points), the 总支 and the 组织部 to 待党委审定. */
async function toDecision(round: number, org: number, a: number, b: number) {
  const sec = secretaryOf(org);
  await ok(await judge(sec, round, org, selfScores(a, b)));
  await ok(await step(sec, round, org, 'submit_self'));
  if (org !== tree.other.id) await ok(await step(gsec, round, org, 'general_branch_approve'));
  return ok(await step(admin, round, org, 'department_approve'));
}
const decide = (round: number, org: number, on = '2026-12-01') =>
  step(admin, round, org, 'record_decision', { decidedOn: on, noticeStartOn: on });

const assessmentItems = async (orgId: number) =>
  t.db
    .selectFrom('rectification')
    .select(['id', 'problem', 'source', 'source_label', 'deadline'])
    .where('source', '=', 'assessment')
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  orgs.branchC = (
    await t.factory.org({
      parentId: tree.general.id,
      type: 'branch',
      name: '数媒教工党支部',
      category: 'staff',
    })
  ).id;
  orgs.branchD = (
    await t.factory.org({
      parentId: tree.general.id,
      type: 'branch',
      name: '物联网学生党支部',
      category: 'student',
    })
  ).id;
  const founded: [number, string][] = [
    [tree.branchA.id, '2018-03-01'],
    // Younger than a year on the reference day 2026-11-30: 不参评.
    [tree.branchB.id, '2026-03-01'],
    [orgs.branchC, '2019-09-01'],
    [orgs.branchD, '2020-09-01'],
    [tree.other.id, '2016-05-01'],
  ];
  for (const [id, on] of founded)
    await t.db.updateTable('org').set({ founded_on: on }).where('id', '=', id).execute();
  for (const org of [tree.branchA.id, tree.branchB.id, orgs.branchC, orgs.branchD, tree.other.id])
    await t.factory.people(org, 4);
  records.reviewA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'review_meeting',
    onDate: '2026-05-10',
    title: '2025年度组织生活会',
  });
  records.otherMeeting = await insertActivity(t.db, {
    orgId: tree.other.id,
    kind: 'general_meeting',
    onDate: '2026-06-10',
    title: '图书馆支部党员大会',
  });
  await signInAll();
});
afterAll(() => t.close());

/** Signs every client in (again after the clock moved past the sessions' idle timeout). */
async function signInAll() {
  [admin, gsec, secA, secB, secC, secD, otherSec, leader, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'branch_secretary', orgId: orgs.branchC }]),
    t.as([{ role: 'branch_secretary', orgId: orgs.branchD }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }]),
  ]);
}

describe('indicator systems', () => {
  let star: IndicatorSystemDetail;

  it('a version from the built-in 星级 template, edited while no round uses it', async () => {
    const templates = await ok<{ key: string; label: string }[]>(
      await leader.get('/api/indicator-systems/templates'),
    );
    expect(templates.map((x) => x.key)).toContain('star_branch');
    star = await ok(
      await admin.post('/api/indicator-systems', { source: 'template', template: 'star_branch', year: 2026 }),
      201,
    );
    expect(star).toMatchObject({
      kind: 'star_rating',
      level: 'branch',
      year: 2026,
      name: '2026年度星级党支部评定指标体系',
      maxScore: 100,
      inUse: false,
      abilities: { structure: true, texts: true, delete: true },
    });
    const definition = {
      ...star.definition,
      rating: { ...star.definition.rating, quotas: [{ minStars: 5, maxPercent: 25 }] },
    };
    const edited = await ok<IndicatorSystemDetail>(
      await admin.patch(`/api/indicator-systems/${star.id}`, { definition, version: star.version }),
    );
    expect(edited.definition.rating.quotas).toEqual([{ minStars: 5, maxPercent: 25 }]);
    star = edited;
  });

  it('a copy for the next year, and a definition sent whole; an inconsistent one is refused on its field', async () => {
    const copy = await ok<IndicatorSystemDetail>(
      await admin.post('/api/indicator-systems', { source: 'copy', systemId: star.id, year: 2027 }),
      201,
    );
    expect(copy).toMatchObject({ year: 2027, name: star.name, inUse: false });
    const missing = await admin.post('/api/indicator-systems', {
      source: 'copy',
      systemId: missingId,
      year: 2027,
    });
    expect(missing.statusCode).toBe(404);
    expect(err(missing).message).toBe('指标体系：不存在或不在您的管理范围内');
    const own = await ok<IndicatorSystemDetail>(
      await admin.post('/api/indicator-systems', { source: 'definition', definition: judgedSystem() }),
      201,
    );
    expect(own).toMatchObject({ name: '测试星级党支部评定（评审）', maxScore: 100 });
    const wrong = judgedSystem();
    wrong.dimensions[0]!.max = 40;
    const bad = await admin.post('/api/indicator-systems', { source: 'definition', definition: wrong });
    expect(bad.statusCode).toBe(400);
    const fields = (err(bad).details?.fields ?? []) as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toContain('definition.dimensions.0.max');
    expect(err(bad).message).toContain('满分');
  });

  it('only the 组织部 writes systems; everyone who sees assessments reads them', async () => {
    expect(
      (await gsec.post('/api/indicator-systems', { source: 'template', template: 'star_branch', year: 2026 }))
        .statusCode,
    ).toBe(403);
    expect((await secA.get(`/api/indicator-systems/${star.id}`)).statusCode).toBe(200);
    expect((await member.get('/api/indicator-systems')).statusCode).toBe(403);
    expect((await admin.get(`/api/indicator-systems/${missingId}`)).statusCode).toBe(404);
  });

  describe('a round on the template: eligibility, facts with their records, frozen version', () => {
    let round: AssessmentRoundDetail;

    it('the 组织部 opens a round over the 总支: its branches, the young one 不参评, facts computed', async () => {
      round = await ok<AssessmentRoundDetail>(
        await admin.post(
          '/api/assessments',
          roundBody(star.id, { title: '2026年度信息学院星级评定', scopeOrgId: tree.general.id }),
        ),
        201,
      );
      expect(round.orgs.map((o) => o.orgId)).toEqual([
        tree.branchA.id,
        tree.branchB.id,
        orgs.branchC,
        orgs.branchD,
      ]);
      const b = round.orgs.find((o) => o.orgId === tree.branchB.id)!;
      expect(b).toMatchObject({ status: 'not_rated', total: null });
      expect(b.notRatedReason).toBe(
        '成立于 2026-03-01，至考核参照日 2026-11-30 不满1年，本轮不参加评定（2027-03-01 起可参评）',
      );
      expect(round.progress).toEqual({ self_assessment: 3, not_rated: 1 });
      expect(round.referenceDate).toBe('2026-11-30');
      expect((await secB.get(`/api/assessments/${round.id}/orgs/${tree.branchB.id}`)).statusCode).toBe(200);
      const judged = await judge(secB, round.id, tree.branchB.id, { judgements: [] });
      expect(judged.statusCode).toBe(409);
    });

    it('a computed indicator shows its metric, value and the records it read; the judged ones wait', async () => {
      const a = await ok(await scorecard(secA, round.id, tree.branchA.id));
      const c = await ok(await scorecard(secC, round.id, orgs.branchC));
      const d1 = (x: OrgAssessmentDetail) =>
        x.score!.dimensions.flatMap((dim) => dim.indicators).find((i) => i.id === 'D1')!;
      expect(d1(a)).toMatchObject({ points: 5, provenance: { kind: 'metric' } });
      const prov = d1(a).provenance;
      if (prov.kind !== 'metric') throw new Error(`D1 is ${prov.kind}, not computed`);
      expect(prov.computed).toMatchObject({ metric: 'review_meeting_held', value: 1, missing: false });
      expect(prov.computed.records).toContainEqual(
        expect.objectContaining({ kind: 'activity', id: String(records.reviewA) }),
      );
      // No 组织生活会 was due for C yet in the period: not applicable, full marks by the template's rule.
      expect(d1(c)).toMatchObject({
        points: 5,
        provenance: { kind: 'metric', notApplicable: true, computed: { value: null, display: '不适用' } },
      });
      expect(a.score!.pending).toEqual(expect.arrayContaining(['A4', 'B4', 'F1']));
      expect(a.computedAt).not.toBeNull();
      expect(a.abilities).toMatchObject({ judge: 'self', submit_self: true, adjust: false });
    });

    it('the version is now frozen: its scoring refused on the field, its name still corrected', async () => {
      const seen = await ok<IndicatorSystemDetail>(await admin.get(`/api/indicator-systems/${star.id}`));
      expect(seen).toMatchObject({
        inUse: true,
        abilities: { structure: false, texts: true, delete: false },
      });
      const definition = { ...seen.definition, maxScore: 100, bonusCap: 8 };
      const refused = await admin.patch(`/api/indicator-systems/${star.id}`, {
        definition,
        version: seen.version,
      });
      expect(refused.statusCode).toBe(422);
      expect(err(refused).message).toBe(
        '该版本已用于考核，指标、分值和评定规则不能再修改；请复制为新版本后修改',
      );
      expect(err(refused).details?.fields).toEqual([
        { path: 'bonusCap', message: expect.stringContaining('该版本已用于考核') },
      ]);
      const renamed = await ok<IndicatorSystemDetail>(
        await admin.patch(`/api/indicator-systems/${star.id}`, {
          name: '2026年度星级党支部评定标准',
          version: seen.version,
        }),
      );
      expect(renamed).toMatchObject({ name: '2026年度星级党支部评定标准', inUse: true });
      expect(renamed.definition.bonusCap).toBe(seen.definition.bonusCap);
    });

    it('the 组织部 approves what it saw: a record entered meanwhile refuses the approval once; then the score is frozen', async () => {
      const judged = ['A4', 'B4', 'C5', 'D3', 'E2', 'E3', 'F1', 'F2', 'F3'];
      const start = await ok(await scorecard(secA, round.id, tree.branchA.id));
      const maxOf = new Map(start.score!.dimensions.flatMap((d) => d.indicators).map((i) => [i.id, i.max]));
      await ok(
        await judge(secA, round.id, tree.branchA.id, {
          judgements: judged.map((itemId) => ({ itemId, value: maxOf.get(itemId)! })),
        }),
      );
      await ok(await step(secA, round.id, tree.branchA.id, 'submit_self'));
      await ok(await step(gsec, round.id, tree.branchA.id, 'general_branch_approve'));
      const seen = await ok(await scorecard(admin, round.id, tree.branchA.id));
      const a2 = (x: OrgAssessmentDetail) => x.score!.dimensions[0]!.indicators.find((i) => i.id === 'A2')!;
      // A term that ran out on 2026-10-01 and was not renewed: 60 days overdue on the reference day.
      await t.factory.term({ orgId: tree.branchA.id, start: '2021-10-01', end: '2026-10-01' });
      const refused = await step(admin, round.id, tree.branchA.id, 'department_approve');
      expect(refused.statusCode).toBe(409);
      expect(err(refused).message).toMatch(
        /^考核数据已随记录更新：软件教工党支部的结果由[\d.]+分（.星级）变为[\d.]+分（.星级），请刷新核对后再审核$/,
      );
      const moved = await ok(await scorecard(admin, round.id, tree.branchA.id));
      expect(a2(moved).points).toBeLessThan(a2(seen).points);
      expect(a2(moved).provenance).toMatchObject({
        kind: 'metric',
        computed: { metric: 'term_overdue_days', value: 60 },
      });
      expect(moved.total!).toBeLessThan(seen.total!);
      const approved = await ok(await step(admin, round.id, tree.branchA.id, 'department_approve'));
      expect(approved).toMatchObject({ status: 'committee_decision', total: moved.total });
      await insertActivity(t.db, { orgId: tree.branchA.id, kind: 'theme_day', onDate: '2026-06-20' });
      const later = await ok(await scorecard(admin, round.id, tree.branchA.id));
      expect(later.score).toEqual(approved.score);
      expect(later.computedAt).toBe(approved.computedAt);
    });
  });
});

describe('a judged round from 自评 to the final result', () => {
  let systemId: number;
  let round: AssessmentRoundDetail;

  beforeAll(async () => {
    systemId = (
      await ok<IndicatorSystemDetail>(
        await admin.post('/api/indicator-systems', {
          source: 'definition',
          definition: judgedSystem('测试星级（全程）'),
        }),
        201,
      )
    ).id;
    round = await ok<AssessmentRoundDetail>(
      await admin.post(
        '/api/assessments',
        roundBody(systemId, { selfDueOn: '2026-12-05', reviewDueOn: '2026-12-10' }),
      ),
      201,
    );
  });

  it('the round takes every branch of the college; the secretaries are told and find the 自评 in their 待办', async () => {
    expect(round.orgs.map((o) => [o.orgId, o.status])).toEqual([
      [tree.branchA.id, 'self_assessment'],
      [tree.branchB.id, 'not_rated'],
      [orgs.branchC, 'self_assessment'],
      [orgs.branchD, 'self_assessment'],
      [tree.other.id, 'self_assessment'],
    ]);
    const inbox = (await secA.get('/api/inbox')).json() as InboxResponse;
    expect(
      inbox.items.filter(
        (i) => i.kind === 'assessment.self' && i.link.startsWith(`/assessments/${round.id}/`),
      ),
    ).toEqual([
      expect.objectContaining({ dueDate: '2026-12-05', overdue: false, orgName: '软件教工党支部' }),
    ]);
    const messages = (await secA.get('/api/notifications?pageSize=100')).json() as {
      items: { kind: string; link: string }[];
    };
    expect(
      messages.items.some(
        (m) =>
          m.kind === 'assessment.opened' && m.link === `/assessments/${round.id}/orgs/${tree.branchA.id}`,
      ),
    ).toBe(true);
  });

  it('the 自评 deadline within 7 days is an alert on every org that has not submitted', async () => {
    await admin.get(`/api/assessments/${round.id}`);
    const open = await t.db
      .selectFrom('finding')
      .select(['rule_id', 'org_id'])
      .where('subject', '=', `assessment-${round.id}`)
      .where('state', '<>', 'resolved')
      .orderBy('org_id')
      .execute();
    expect(open.map((f) => [f.rule_id, f.org_id])).toEqual(
      [tree.branchA.id, orgs.branchC, orgs.branchD, tree.other.id]
        .sort((x, y) => x - y)
        .map((o) => ['assessment.self_due_soon', o]),
    );
  });

  it('scope: a branch sees its own org only, a 总支 its branches, others answer like missing', async () => {
    const mine = await ok<AssessmentRoundDetail>(await secA.get(`/api/assessments/${round.id}`));
    expect(mine.orgs.map((o) => o.orgId)).toEqual([tree.branchA.id]);
    const general = await ok<AssessmentRoundDetail>(await gsec.get(`/api/assessments/${round.id}`));
    expect(general.orgs.map((o) => o.orgId)).toEqual([
      tree.branchA.id,
      tree.branchB.id,
      orgs.branchC,
      orgs.branchD,
    ]);
    for (const [c, org] of [
      [secA, tree.other.id],
      [secA, orgs.branchC],
      [gsec, tree.other.id],
    ] as const) {
      const res = await scorecard(c, round.id, org);
      expect(res.statusCode).toBe(404);
      expect(err(res).message).toBe('该考核中没有这个党组织，或不在您的管理范围内');
      expect((await c.get(`/api/assessments/${round.id}/orgs/${org}/scorecard.docx`)).statusCode).toBe(404);
      expect((await step(c, round.id, org, 'submit_self')).statusCode).toBe(404);
    }
    expect((await scorecard(admin, round.id, tree.general.id)).statusCode).toBe(404);
    expect((await admin.get(`/api/assessments/${missingId}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/assessments/${round.id}/orgs/${tree.other.id}`)).statusCode).toBe(200);
    expect((await judge(leader, round.id, tree.other.id, selfScores(40, 40))).statusCode).toBe(403);
    expect((await member.get(`/api/assessments/${round.id}`)).statusCode).toBe(403);
  });

  it('the 组织部 corrects the round before it is final: title and deadlines, version, audit, scope, field errors', async () => {
    const patch = (c: Client, body: Record<string, unknown>, id = round.id) =>
      c.patch(`/api/assessments/${id}`, body);
    const board = await ok<AssessmentRoundDetail>(await admin.get(`/api/assessments/${round.id}`));
    expect(board.abilities).toEqual({ edit: true });
    expect(
      (await ok<AssessmentRoundDetail>(await gsec.get(`/api/assessments/${round.id}`))).abilities,
    ).toEqual({
      edit: false,
    });
    const version = board.version;
    for (const c of [gsec, secA, leader])
      expect((await patch(c, { title: '改名', version })).statusCode).toBe(403);
    const missing = await patch(admin, { title: '改名', version }, missingId);
    expect(missing.statusCode).toBe(404);
    expect(err(missing).message).toBe('该考核不存在');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ version }, '', ''],
      [{ selfDueOn: '2026-11-20', version }, 'selfDueOn', '自评截止日期：不能早于今天'],
      [{ reviewDueOn: '2026-12-04', version }, 'reviewDueOn', '审核截止日期：不能早于自评截止日期'],
      [{ selfDueOn: '2026-12-11', version }, 'selfDueOn', '自评截止日期：不能晚于审核截止日期（2026-12-10）'],
      [
        { selfDueOn: '2026-12-09', reviewDueOn: '2026-12-08', version },
        'reviewDueOn',
        '审核截止日期：不能早于自评截止日期',
      ],
      [{ noticeWorkingDays: 2, version }, 'noticeWorkingDays', ''],
      [{ title: 'x', version }, 'title', ''],
      [{ periodEnd: '2026-12-31', version }, '', ''],
    ];
    for (const [body, path, message] of cases) {
      const res = await patch(admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const fields = (err(res).details?.fields ?? []) as { path: string; message: string }[];
      if (message) expect(fields).toContainEqual({ path, message });
    }
    const stale = await patch(admin, { title: '改名', version: version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(err(stale).message).toBe('该考核已被他人修改，请刷新后重试');

    const moved = await ok<AssessmentRoundDetail>(
      await patch(admin, { selfDueOn: '2026-12-04', noticeWorkingDays: 7, version }),
    );
    expect(moved).toMatchObject({ selfDueOn: '2026-12-04', noticeWorkingDays: 7, version: version + 1 });
    const inbox = (await secA.get('/api/inbox')).json() as InboxResponse;
    expect(
      inbox.items.find((i) => i.kind === 'assessment.self' && i.link.startsWith(`/assessments/${round.id}/`)),
    ).toMatchObject({ dueDate: '2026-12-04' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'assessment.update')
      .where('target_id', '=', String(round.id))
      .execute();
    expect(audit).toEqual([
      {
        action: 'assessment.update',
        before: { selfDueOn: '2026-12-05', noticeWorkingDays: 5 },
        after: { selfDueOn: '2026-12-04', noticeWorkingDays: 7 },
      },
    ]);
    // Back as it was (the later steps read these deadlines); the same values again change nothing.
    const back = await ok<AssessmentRoundDetail>(
      await patch(admin, { selfDueOn: '2026-12-05', noticeWorkingDays: 5, version: version + 1 }),
    );
    expect(back.version).toBe(version + 2);
    expect(
      (await ok<AssessmentRoundDetail>(await patch(admin, { noticeWorkingDays: 5, version: version + 2 })))
        .version,
    ).toBe(version + 2);
  });

  it('the 自评: by the org only, links checked against its scope, no overrides, every item before submitting', async () => {
    expect((await judge(gsec, round.id, tree.branchA.id, selfScores(40, 40))).statusCode).toBe(403);
    const foreign = await judge(secA, round.id, tree.branchA.id, {
      judgements: [
        {
          itemId: 'A1',
          value: 45,
          comment: '见组织生活会记录',
          links: [{ kind: 'activity', id: String(records.otherMeeting) }],
        },
      ],
    });
    expect(foreign.statusCode).toBe(404);
    expect(err(foreign).details?.fields).toEqual([
      { path: 'judgements.0.links.0', message: '关联记录：不存在或不在您的管理范围内' },
    ]);
    const missing = await judge(secA, round.id, tree.branchA.id, {
      judgements: [{ itemId: 'A1', value: 45, links: [{ kind: 'activity', id: String(missingId) }] }],
    });
    expect(err(missing).message).toBe(err(foreign).message);
    const adjust = await judge(secA, round.id, tree.branchA.id, {
      ...selfScores(45, 45),
      adjustments: [{ itemId: 'A1', value: 10, reason: '自己调整' }],
    });
    expect(adjust.statusCode).toBe(400);
    const unknown = await judge(secA, round.id, tree.branchA.id, {
      judgements: [{ itemId: 'Z9', value: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(err(unknown).details?.fields).toEqual([
      { path: 'judgements.0.itemId', message: '指标：本指标体系中没有编号为“Z9”的指标' },
    ]);
    const veto = await judge(secA, round.id, tree.branchA.id, {
      judgements: [{ itemId: 'V1', value: true, comment: '无' }],
    });
    expect(err(veto).details?.fields).toEqual([
      { path: 'judgements.0.itemId', message: '指标：一票否决项由总支、组织部认定，自评时不填' },
    ]);

    const half = await ok(
      await judge(secA, round.id, tree.branchA.id, {
        judgements: [
          {
            itemId: 'A1',
            value: 48,
            comment: '见组织生活会记录',
            links: [{ kind: 'activity', id: String(records.reviewA), label: '随便写的' }],
          },
        ],
      }),
    );
    expect(half.judgements).toEqual([
      expect.objectContaining({
        itemId: 'A1',
        level: 'self',
        value: 48,
        links: [{ kind: 'activity', id: String(records.reviewA), label: '2026-05-10 2025年度组织生活会' }],
      }),
    ]);
    expect(half.score!.pending).toEqual(['B1']);
    const early = await step(secA, round.id, tree.branchA.id, 'submit_self');
    expect(early.statusCode).toBe(422);
    expect(err(early).message).toBe('自评未完成：还有 1 项未评分（B1）');
    const stale = await secA.put(`/api/assessments/${round.id}/orgs/${tree.branchA.id}`, {
      ...selfScores(48, 47),
      version: half.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await step(gsec, round.id, tree.branchA.id, 'submit_self')).statusCode).toBe(403);
  });

  it('a 届次 and a 发展党员 step are linked by the ids the figures give them, checked on their org and dossier', async () => {
    const termA = await t.factory.term({
      orgId: tree.branchA.id,
      number: 7,
      start: '2024-01-01',
      end: '2029-01-01',
    });
    const termOther = await t.factory.term({ orgId: tree.other.id, start: '2024-01-01', end: '2029-01-01' });
    const walked = walk([
      ['application', '2026-03-01'],
      ['application_talk', '2026-03-20'],
    ]);
    const dossierA = (await insertDossier(t.db, { orgId: tree.branchA.id, name: '链接', events: walked })).id;
    const dossierOther = (await insertDossier(t.db, { orgId: tree.other.id, name: '他人', events: walked }))
      .id;
    const eventOf = async (dossier: number) =>
      (
        await t.db
          .selectFrom('recruitment_event')
          .select('id')
          .where('recruitment_id', '=', dossier)
          .where('step', '=', 'application_talk')
          .executeTakeFirstOrThrow()
      ).id;
    const [eventA, eventOther] = [await eventOf(dossierA), await eventOf(dossierOther)];
    const linking = (links: { kind: string; id: string }[]) =>
      judge(secA, round.id, tree.branchA.id, {
        judgements: [{ itemId: 'A1', value: 45, comment: '见届次和发展记录', links }],
      });
    // Another org's term or dossier, a term or step named under the wrong org or dossier, a step that is no
    // step, the bare org or dossier: each answers like a missing record.
    for (const link of [
      { kind: 'term', id: `org:${tree.other.id}:term:${termOther}` },
      { kind: 'term', id: `org:${tree.branchA.id}:term:${termOther}` },
      { kind: 'term', id: `org:${tree.branchA.id}` },
      { kind: 'term', id: String(termOther) },
      { kind: 'recruitment_step', id: `dossier-${dossierOther}-event-${eventOther}` },
      { kind: 'recruitment_step', id: `dossier-${dossierA}-event-${eventOther}` },
      { kind: 'recruitment_step', id: `dossier-${dossierOther}-step-political_review` },
      { kind: 'recruitment_step', id: `dossier-${dossierA}-step-no_such_step` },
      { kind: 'recruitment_step', id: `dossier-${dossierA}` },
      { kind: 'recruitment_step', id: String(eventOther) },
    ]) {
      const res = await linking([link]);
      expect(res.statusCode, link.id).toBe(404);
      expect(err(res).details?.fields).toEqual([
        { path: 'judgements.0.links.0', message: '关联记录：不存在或不在您的管理范围内' },
      ]);
    }
    // The org's own, in the figures' form or (as links were saved before) by the record's own id: kept in the
    // figures' form, which names the page that opens them.
    const linked = await ok(
      await linking([
        { kind: 'term', id: `org:${tree.branchA.id}:term:${termA}` },
        { kind: 'recruitment_step', id: `dossier-${dossierA}-event-${eventA}` },
        { kind: 'recruitment_step', id: `dossier-${dossierA}-step-political_review` },
        { kind: 'term', id: String(termA) },
        { kind: 'recruitment_step', id: String(eventA) },
      ]),
    );
    expect(linked.judgements[0]!.links).toEqual([
      { kind: 'term', id: `org:${tree.branchA.id}:term:${termA}`, label: '软件教工党支部 第7届' },
      {
        kind: 'recruitment_step',
        id: `dossier-${dossierA}-event-${eventA}`,
        label: '链接：党组织派人谈话（2026-03-20）',
      },
      {
        kind: 'recruitment_step',
        id: `dossier-${dossierA}-step-political_review`,
        label: '链接：进行政治审查（未办理）',
      },
      { kind: 'term', id: `org:${tree.branchA.id}:term:${termA}`, label: '软件教工党支部 第7届' },
      {
        kind: 'recruitment_step',
        id: `dossier-${dossierA}-event-${eventA}`,
        label: '链接：党组织派人谈话（2026-03-20）',
      },
    ]);
  });

  it('submitted: the 总支 reviews (its level, its overrides), the 组织部 approves; the deadline alert goes', async () => {
    await ok(await judge(secA, round.id, tree.branchA.id, selfScores(48, 47)));
    const sent = await ok(await step(secA, round.id, tree.branchA.id, 'submit_self'));
    expect(sent).toMatchObject({ status: 'general_branch_review', total: 95, stars: 5 });
    expect(sent.history).toEqual([
      expect.objectContaining({
        transition: 'submit_self',
        from: 'self_assessment',
        to: 'general_branch_review',
        reason: null,
      }),
    ]);
    const stillOpen = await t.db
      .selectFrom('finding')
      .select('org_id')
      .where('subject', '=', `assessment-${round.id}`)
      .where('state', '<>', 'resolved')
      .execute();
    expect(stillOpen.map((f) => f.org_id)).not.toContain(tree.branchA.id);
    expect((await judge(secA, round.id, tree.branchA.id, selfScores(40, 40))).statusCode).toBe(403);
    const review = (await gsec.get('/api/inbox')).json() as InboxResponse;
    expect(
      review.items.filter((i) => i.kind === 'assessment.review' && i.link === `/assessments/${round.id}`),
    ).toEqual([
      expect.objectContaining({
        dueDate: '2026-12-10',
        detail: '已提交自评、待审核：软件教工党支部（审核截止 2026-12-10）。',
      }),
    ]);
    const lowered = await judge(gsec, round.id, tree.branchA.id, {
      judgements: [{ itemId: 'B1', value: 40 }],
    });
    expect(lowered.statusCode).toBe(400);
    expect(err(lowered).details?.fields).toEqual([
      { path: 'judgements.0.comment', message: '说明：审核扣分、判定不达标须写明理由' },
    ]);
    const reviewed = await ok(
      await judge(gsec, round.id, tree.branchA.id, {
        judgements: [{ itemId: 'B1', value: 47, comment: '属实' }],
      }),
    );
    const b1 = reviewed.score!.dimensions[1]!.indicators[0]!;
    expect(b1.provenance).toMatchObject({
      kind: 'judgement',
      judgement: { level: 'general_branch', value: 47 },
      selfValue: 47,
    });
    expect((await step(admin, round.id, tree.branchA.id, 'general_branch_approve')).statusCode).toBe(403);
    await ok(await step(gsec, round.id, tree.branchA.id, 'general_branch_approve'));
    expect((await step(secA, round.id, tree.branchA.id, 'department_approve')).statusCode).toBe(403);
    const approved = await ok(await step(admin, round.id, tree.branchA.id, 'department_approve'));
    expect(approved).toMatchObject({ status: 'committee_decision', followUp: 'exemplary', stars: 5 });
    expect(approved.abilities).toMatchObject({ record_decision: true, judge: null });
  });

  it('the 总支 sends a 自评 back with its reason; the branch hears of it and finds its 自评 waiting again', async () => {
    await ok(await judge(secD, round.id, orgs.branchD, selfScores(45, 45)));
    await ok(await step(secD, round.id, orgs.branchD, 'submit_self'));
    const noReason = await step(gsec, round.id, orgs.branchD, 'general_branch_return');
    expect(noReason.statusCode).toBe(400);
    expect(err(noReason).details?.fields).toEqual([
      { path: 'reason', message: '退回理由：请写明需要修改的内容' },
    ]);
    const back = await ok(
      await step(gsec, round.id, orgs.branchD, 'general_branch_return', {
        reason: '作用发挥的事例不具体，请补充',
      }),
    );
    expect(back.status).toBe('self_assessment');
    expect(back.history.at(-1)).toMatchObject({
      transition: 'general_branch_return',
      from: 'general_branch_review',
      to: 'self_assessment',
      reason: '作用发挥的事例不具体，请补充',
    });
    const messages = (await secD.get('/api/notifications?pageSize=100')).json() as {
      items: { kind: string; link: string }[];
    };
    expect(
      messages.items
        .filter((m) => m.link === `/assessments/${round.id}/orgs/${orgs.branchD}`)
        .map((m) => m.kind),
    ).toEqual(expect.arrayContaining(['assessment.opened', 'assessment.returned']));
    const inbox = (await secD.get('/api/inbox')).json() as InboxResponse;
    expect(
      inbox.items.some(
        (i) => i.kind === 'assessment.self' && i.link === `/assessments/${round.id}/orgs/${orgs.branchD}`,
      ),
    ).toBe(true);
  });

  it('the 党委 decision and a 公示 of 5 working days; not final before it ends', async () => {
    const late = await step(admin, round.id, tree.branchA.id, 'record_decision', {
      decidedOn: '2026-12-02',
      noticeStartOn: '2026-12-02',
    });
    expect(late.statusCode).toBe(400);
    expect(err(late).details?.fields).toEqual([{ path: 'decidedOn', message: '党委审定日期：不能晚于今天' }]);
    const short = await step(admin, round.id, tree.branchA.id, 'record_decision', {
      decidedOn: '2026-12-01',
      noticeStartOn: '2026-12-01',
      noticeEndOn: '2026-12-04',
    });
    expect(short.statusCode).toBe(400);
    const noticed = await ok(await decide(round.id, tree.branchA.id));
    expect(noticed).toMatchObject({
      status: 'public_notice',
      decidedOn: '2026-12-01',
      noticeStartOn: '2026-12-01',
      noticeEndOn: '2026-12-07',
    });
    expect(publicNoticeEnd('2026-12-01', 5)).toBe('2026-12-07');
    const early = await step(admin, round.id, tree.branchA.id, 'finalise');
    expect(early.statusCode).toBe(422);
    expect(err(early).message).toBe('公示期未满：公示至 2026-12-07（5 个工作日），期满后才能确定结果');
  });

  it('a second 五星级 breaks the quota: refused naming the orgs and the rule', async () => {
    await toDecision(round.id, orgs.branchC, 47, 48);
    const refused = await decide(round.id, orgs.branchC);
    expect(refused.statusCode).toBe(422);
    expect(err(refused).message).toBe(
      '超出比例限制：五星级不超过参评党组织的30%：参评 4 个，最多 1 个，现有 2 个（软件教工党支部、数媒教工党支部）',
    );
    expect(err(refused).details?.quotas).toEqual([
      expect.objectContaining({
        allowed: 1,
        actual: 2,
        orgs: [
          { orgId: tree.branchA.id, orgName: '软件教工党支部' },
          { orgId: orgs.branchC, orgName: '数媒教工党支部' },
        ],
      }),
    ]);
    const c = await ok(await scorecard(admin, round.id, orgs.branchC));
    expect(c.status).toBe('committee_decision');
    // The 党委 sends it back; the 组织部 lowers it with its reason and it passes.
    await ok(
      await step(admin, round.id, orgs.branchC, 'decision_return', { reason: '五星级超过比例，复核' }),
    );
    await ok(
      await judge(admin, round.id, orgs.branchC, {
        judgements: [{ itemId: 'B1', value: 40, comment: '服务师生事例不足，按复核意见调整' }],
      }),
    );
    await ok(await step(admin, round.id, orgs.branchC, 'department_approve'));
    expect(await ok(await decide(round.id, orgs.branchC))).toMatchObject({
      status: 'public_notice',
      stars: 4,
    });
  });

  it('a veto found by the 组织部 caps the stars; the result 整改 opens rectification items once', async () => {
    const other = tree.other.id;
    await ok(await judge(otherSec, round.id, other, selfScores(48, 47)));
    const sent = await ok(await step(otherSec, round.id, other, 'submit_self'));
    expect(sent.status).toBe('department_review'); // a 直属支部 has no 总支
    const noReason = await judge(admin, round.id, other, { judgements: [{ itemId: 'V1', value: true }] });
    expect(err(noReason).details?.fields).toEqual([
      { path: 'judgements.0.comment', message: '说明：认定一票否决须写明事实' },
    ]);
    const vetoed = await ok(
      await judge(admin, round.id, other, {
        judgements: [
          { itemId: 'V1', value: true, comment: '支部委员受党内严重警告处分（校纪委〔2026〕3号）' },
        ],
      }),
    );
    expect(vetoed.score).toMatchObject({ total: 95, starsBeforeVeto: 5, stars: 2, vetoed: true });
    expect(vetoed).toMatchObject({ stars: 2, vetoed: true, scoreOutOf100: 95 });
    await ok(await step(admin, round.id, other, 'department_approve'));
    const noticed = await ok(await decide(round.id, other));
    expect(noticed.followUp).toBe('rectify');
    expect(await assessmentItems(other)).toEqual([]);
  });

  it('after the 公示 the results become final; 整改 items opened once; the trend and the 待办', async () => {
    clock.set(new Date('2026-12-08T02:00:00Z'));
    try {
      // A week on, yesterday's sessions have timed out: sign in afresh.
      const [admin, secA, otherSec] = await Promise.all([
        t.as([{ role: 'org_admin', orgId: null }]),
        t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
        t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
      ]);
      const inbox = (await admin.get('/api/inbox')).json() as InboxResponse;
      expect(inbox.items.filter((i) => i.link === `/assessments/${round.id}`).map((i) => i.kind)).toContain(
        'assessment.decide',
      );
      const a = await ok(await step(admin, round.id, tree.branchA.id, 'finalise'));
      expect(a).toMatchObject({ status: 'final', stars: 5, followUp: 'exemplary', rectificationIds: [] });
      const other = await ok(await step(admin, round.id, tree.other.id, 'finalise'));
      expect(other.status).toBe('final');
      const items = await assessmentItems(tree.other.id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        source: 'assessment',
        source_label: '2026年度星级党支部评定',
        deadline: '2027-03-08',
      });
      expect(items[0]!.problem).toContain('一票否决：班子成员发生严重违纪问题');
      expect(other.rectificationIds).toEqual([items[0]!.id]);
      expect((await step(admin, round.id, tree.other.id, 'finalise')).statusCode).toBe(409);
      expect(await assessmentItems(tree.other.id)).toHaveLength(1);
      const messages = (await otherSec.get('/api/notifications?pageSize=100')).json() as {
        items: { kind: string }[];
      };
      expect(messages.items.map((m) => m.kind)).toEqual(
        expect.arrayContaining(['assessment.final', 'rectification.opened']),
      );

      const trend = await ok<OrgAssessmentResults>(
        await secA.get(`/api/orgs/${tree.branchA.id}/assessments`),
      );
      expect(trend.results).toEqual([
        expect.objectContaining({
          roundId: round.id,
          year: 2026,
          total: 95,
          scoreOutOf100: 95,
          stars: 5,
          followUp: 'exemplary',
          finalisedOn: '2026-12-08',
        }),
      ]);
      expect((await secA.get(`/api/orgs/${tree.other.id}/assessments`)).statusCode).toBe(404);
    } finally {
      clock.set(new Date('2026-12-01T04:00:00Z'));
      await signInAll();
    }
  });

  it('the results sheet prints like a ledger with each unit out of 100; the scorecard in Word shows every figure', async () => {
    const xlsx = await admin.get(`/api/assessments/${round.id}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const printed = await expectPrintReady(xlsx.rawPayload, 'assessment-results');
    const header = printed.table[0] as string[];
    expect(header.slice(0, 9)).toEqual([
      '序号',
      '党组织',
      '上级党组织',
      '考核状态',
      '得分（满分 100）',
      '百分制得分',
      '星级',
      '一票否决',
      '结果运用',
    ]);
    expect(header).toEqual(
      expect.arrayContaining(['班子建设（50）', '作用发挥（50）', '加分', '扣分', '确定日期']),
    );
    const rowOf = (name: string) => printed.table.find((r) => r[1] === name)!;
    expect(rowOf('软件教工党支部').slice(3, 9)).toEqual(['已确定', 95, 95, '五星级', '否', '示范']);
    expect(rowOf('图书馆直属党支部').slice(6, 9)).toEqual(['二星级', '班子成员发生严重违纪问题', '整改']);
    expect(rowOf('网络学生党支部')[3]).toMatch(/^不参评：成立于 2026-03-01/);
    const mine = await expectPrintReady(
      (await secA.get(`/api/assessments/${round.id}/results.xlsx`)).rawPayload,
      'assessment-results-a',
    );
    expect(mine.table.slice(1).map((r) => r[1])).toEqual(['软件教工党支部']);

    const docx = await otherSec.get(`/api/assessments/${round.id}/orgs/${tree.other.id}/scorecard.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(docx.rawPayload);
    for (const s of [
      '图书馆直属党支部考核评分表',
      '2026年度星级党支部评定',
      '95 分（满分 100），二星级',
      '支委分工明确、履职尽责',
      '自评 48：支委分工见支委会记录',
      '一票否决',
      '触发：组织部审核 是：支部委员受党内严重警告处分（校纪委〔2026〕3号）',
      '结果运用',
      '整改',
      '提交自评',
    ])
      expect(text, s).toContain(s);
  });

  it('once every result is final the round is closed to corrections', async () => {
    const open = await ok<AssessmentRoundDetail>(await admin.get(`/api/assessments/${round.id}`));
    expect(open.abilities.edit).toBe(true);
    // The orgs still under way taken out of the rating as a fixture (the procedure to the end is tested above).
    await t.db
      .updateTable('org_assessment')
      .set({ status: 'not_rated', not_rated_reason: '测试：不再参评', score: null })
      .where('round_id', '=', round.id)
      .where('status', 'not in', ['final', 'not_rated'])
      .execute();
    const d = await ok<AssessmentRoundDetail>(await admin.get(`/api/assessments/${round.id}`));
    expect(d.abilities.edit).toBe(false);
    const res = await admin.patch(`/api/assessments/${round.id}`, { title: '改名', version: d.version });
    expect(res.statusCode).toBe(409);
    expect(err(res).message).toBe('2026年度星级党支部评定的结果已全部确定，不能再修改');
  });
});

describe('two decisions at once', () => {
  it('cannot both pass a quota: one is refused, naming both', async () => {
    const systemId = (
      await ok<IndicatorSystemDetail>(
        await admin.post('/api/indicator-systems', {
          source: 'definition',
          definition: judgedSystem('测试星级（并发）'),
        }),
        201,
      )
    ).id;
    const round = await ok<AssessmentRoundDetail>(
      await admin.post('/api/assessments', roundBody(systemId, { title: '2026年度星级评定（复评）' })),
      201,
    );
    await toDecision(round.id, orgs.branchD, 46, 46);
    await toDecision(round.id, tree.other.id, 48, 48);
    const answers = await Promise.all([decide(round.id, orgs.branchD), decide(round.id, tree.other.id)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    const refused = answers.find((r) => r.statusCode === 422)!;
    expect(err(refused).message).toMatch(
      /现有 2 个（(物联网学生党支部、图书馆直属党支部|图书馆直属党支部、物联网学生党支部)）$/,
    );
    const board = await ok<AssessmentRoundDetail>(await admin.get(`/api/assessments/${round.id}`));
    expect(board.progress).toMatchObject({ public_notice: 1, committee_decision: 1 });
    // The earlier round's result shows in this round's scorecard as the trend.
    const a = await ok(await scorecard(admin, round.id, tree.branchA.id));
    expect(a.trend.map((x) => [x.roundTitle, x.stars])).toEqual([['2026年度星级党支部评定', 5]]);
  });
});

describe('bad inputs change nothing', () => {
  it('a round: unknown or foreign ids answer like missing, dates and days named', async () => {
    const systemId = (
      await ok<IndicatorSystemDetail>(
        await admin.post('/api/indicator-systems', {
          source: 'definition',
          definition: judgedSystem('测试星级（输入）'),
        }),
        201,
      )
    ).id;
    const before = await t.db
      .selectFrom('assessment_round')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ systemId: missingId }, 404, '指标体系：不存在或不在您的管理范围内'],
      [{ scopeOrgId: missingId }, 404, '考核范围：不存在或不在您的管理范围内'],
      [{ periodEnd: '2025-12-31' }, 400, '考核期结束：不能早于开始日期'],
      [{ selfDueOn: '2026-11-20' }, 400, '自评截止日期：不能早于今天'],
      [{ selfDueOn: '2026-12-10', reviewDueOn: '2026-12-05' }, 400, '审核截止日期：不能早于自评截止日期'],
      [{ noticeWorkingDays: 3 }, 400, '公示工作日数'],
      [{ scopeOrgId: tree.branchA.id, title: 'x'.repeat(81) }, 400, '名称'],
    ];
    for (const [over, status, message] of cases) {
      const res = await admin.post('/api/assessments', roundBody(systemId, over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(err(res).message).toContain(message);
    }
    const group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' });
    const none = await admin.post('/api/assessments', roundBody(systemId, { scopeOrgId: group.id }));
    expect(none.statusCode).toBe(422);
    const after = await t.db
      .selectFrom('assessment_round')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await gsec.post('/api/assessments', roundBody(systemId))).statusCode).toBe(403);
  });
});

describe('a pass/fail round (标准化达标验收)', () => {
  it('the results sheet says 达标 or not with the indicators passed; a branch not rated prints as such', async () => {
    const system = await ok<IndicatorSystemDetail>(
      await admin.post('/api/indicator-systems', {
        source: 'template',
        template: 'standard_branch',
        year: 2026,
      }),
      201,
    );
    expect(system).toMatchObject({ kind: 'standardisation', mode: 'pass_fail', maxScore: 0 });
    const round = await ok<AssessmentRoundDetail>(
      await admin.post(
        '/api/assessments',
        roundBody(system.id, { title: '2026年度党支部标准化达标验收', scopeOrgId: tree.general.id }),
      ),
      201,
    );
    expect(round.orgs.every((o) => o.total === null && o.scoreOutOf100 === null)).toBe(true);
    const xlsx = await gsec.get(`/api/assessments/${round.id}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const printed = await expectPrintReady(xlsx.rawPayload, 'assessment-results-standard');
    const header = printed.table[0] as string[];
    expect(header.slice(0, 7)).toEqual([
      '序号',
      '党组织',
      '上级党组织',
      '考核状态',
      '达标',
      '一票否决',
      '结果运用',
    ]);
    expect(header).toContain('达标项');
    expect(header).not.toContain('百分制得分');
    const a = printed.table.find((r) => r[1] === '软件教工党支部')!;
    expect(a[4]).toMatch(/^(达标|不达标)$/);
    expect(a[header.indexOf('达标项')]).toMatch(/^\d+\/\d+$/);
    const docx = await secB.get(`/api/assessments/${round.id}/orgs/${tree.branchB.id}/scorecard.docx`);
    expect(docx.statusCode).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain('网络学生党支部考核评分表');
    expect(text).toContain('不参评：成立于 2026-03-01');
  });
});
