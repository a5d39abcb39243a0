/**
 * 述职评议 (书记抓基层党建述职评议考核, issue 17 item 1) through the API: who reaches the endpoints (401/403/cross-scope
 * 404); a 总支's campaign of its branch secretaries read from the org terms, with the voters' roll; the 述职报告
 * written by the secretary alone; 答辩 and 点评 at the 述职会; the 测评 as a ballot of the ballots module, voted on
 * the phone; the grade decided after the tally by core's rule (an override needs its reason); 审定, 公布; the 点评
 * turned into 整改 items once; the read for later modules, the metric, the 差 finding and the 待办.
 */
import type { DutyReviewDetail, InboxResponse } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutyReviewFindingsProvider } from '../src/modules/duty-reviews/findings.ts';
import { computeDutyReviewMetrics, dutyReviewGradesOf } from '../src/modules/duty-reviews/service.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-11-20T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let gsec: Client;
let secA: Client;
let secB: Client;
let otherSec: Client;
let g2: Client;
let member: Client;
const p = {} as Record<'c1' | 'c2' | 'gs' | 'g2' | 'sa' | 'sb' | 'so' | 'rep' | 'outsider', number>;
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  const f = t.factory;
  p.c1 = await f.person({ orgId: tree.committee.id, name: '党委书记甲' });
  p.c2 = await f.person({ orgId: tree.committee.id, name: '党委委员乙' });
  p.gs = await f.person({ orgId: tree.general.id, name: '总支书记丙' });
  p.g2 = await f.person({ orgId: tree.general.id, name: '总支委员丁' });
  p.sa = await f.person({ orgId: tree.branchA.id, name: '甲支部书记' });
  p.sb = await f.person({ orgId: tree.branchB.id, name: '乙支部书记' });
  p.so = await f.person({ orgId: tree.other.id, name: '直属支部书记' });
  p.rep = await f.person({ orgId: tree.branchA.id, name: '党员代表戊' });
  p.outsider = await f.person({ orgId: tree.other.id, name: '直属支部党员' });
  const term = (orgId: number, team: { personId: number; post: 'secretary' | 'committee_member' }[]) =>
    f.term({
      orgId,
      start: '2024-06-01',
      end: '2027-06-01',
      teamKind: team.length > 1 ? 'committee' : 'secretary_only',
      team,
    });
  await term(tree.committee.id, [
    { personId: p.c1, post: 'secretary' },
    { personId: p.c2, post: 'committee_member' },
  ]);
  await term(tree.general.id, [
    { personId: p.gs, post: 'secretary' },
    { personId: p.g2, post: 'committee_member' },
  ]);
  await term(tree.branchA.id, [{ personId: p.sa, post: 'secretary' }]);
  await term(tree.branchB.id, [{ personId: p.sb, post: 'secretary' }]);
  await term(tree.other.id, [{ personId: p.so, post: 'secretary' }]);
  [admin, gsec, secA, secB, otherSec, g2, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }], { personId: p.c1 }),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }], { personId: p.gs }),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: p.sa }),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }], { personId: p.sb }),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }], { personId: p.so }),
    t.as([{ role: 'member', orgId: null }], { personId: p.g2 }),
    t.as([{ role: 'member', orgId: null }], { personId: p.rep }),
  ]);
});
afterAll(() => t.close());

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as DutyReviewDetail;
}
const step = (c: Client, id: number, transition: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/duty-reviews/${id}/transitions`, { transition, ...extra });
const report = 'x'.repeat(10);
const fullReport =
  '一年来，本支部认真落实“三会一课”制度，按月开展主题党日，坚持党员教育管理，组织党员集中学习十二次，谈心谈话覆盖全体党员；发展党员两名，整改问题三项。存在的不足：理论学习深度不够。';

describe('述职评议 of a 总支: its branch secretaries', () => {
  let id = 0;
  let subjectA = 0;
  let subjectB = 0;

  it('is refused to the anonymous (401), to a member without the permission (403), and for ids out of scope (404)', async () => {
    expect((await t.anonymous.get('/api/duty-reviews')).statusCode).toBe(401);
    expect((await member.get('/api/duty-reviews')).statusCode).toBe(403);
    const body = { year: 2026, orgId: tree.committee.id, level: 'secondary' };
    // A 总支 secretary naming the 党委 answers exactly like a missing org.
    const foreign = await gsec.post('/api/duty-reviews', body);
    const missing = await gsec.post('/api/duty-reviews', { ...body, orgId: missingId });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    // A representative outside the scope, likewise.
    const rep = await gsec.post('/api/duty-reviews', {
      year: 2026,
      orgId: tree.general.id,
      level: 'branch',
      voters: { representativeIds: [p.outsider] },
    });
    const repMissing = await gsec.post('/api/duty-reviews', {
      year: 2026,
      orgId: tree.general.id,
      level: 'branch',
      voters: { representativeIds: [missingId] },
    });
    expect(rep.statusCode).toBe(404);
    expect(rep.json()).toEqual(repMissing.json());
    expect(await t.db.selectFrom('duty_review').select('id').execute()).toEqual([]);
  });

  it('refuses a level the org does not review and a rule whose weights do not sum to 100, naming the field', async () => {
    const wrong = await gsec.post('/api/duty-reviews', {
      year: 2026,
      orgId: tree.general.id,
      level: 'secondary',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('组织述职评议的党组织');
    const rule = {
      ballotWeight: 70,
      evaluationWeight: 20,
      points: { good: 100, fairly_good: 85, average: 70, poor: 0 },
      bands: { good: 90, fairly_good: 80, average: 60 },
      poorShare: null,
    };
    const bad = await gsec.post('/api/duty-reviews', {
      year: 2026,
      orgId: tree.general.id,
      level: 'branch',
      rule,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('rule.ballotWeight');
  });

  it('is launched by the 总支: the secretaries from the terms, the roll from the committee, the secretaries and a representative', async () => {
    const d = await ok(
      await gsec.post('/api/duty-reviews', {
        year: 2026,
        orgId: tree.general.id,
        level: 'branch',
        voters: { committee: true, secretaries: true, representativeIds: [p.rep] },
      }),
      201,
    );
    id = d.id;
    expect(d.status).toBe('launched');
    expect(d.startsOn).toBe('2026-11-01');
    expect(d.endsOn).toBe('2026-12-31');
    expect(d.subjects.map((s) => [s.org.name, s.person.name])).toEqual([
      [expect.any(String), '甲支部书记'],
      [expect.any(String), '乙支部书记'],
    ]);
    // 总支书记丙, 总支委员丁, the two branch secretaries, the representative.
    expect(d.voters).toBe(5);
    expect(d.abilities).toMatchObject({ manage: true, transition: 'open_reports' });
    subjectA = d.subjects[0]!.id;
    subjectB = d.subjects[1]!.id;
  });

  it('is seen by the secretaries reviewed and the 组织部, not by another branch', async () => {
    expect((await secA.get(`/api/duty-reviews/${id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/duty-reviews/${id}`)).statusCode).toBe(200);
    const other = await otherSec.get(`/api/duty-reviews/${id}`);
    const none = await otherSec.get(`/api/duty-reviews/${missingId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(none.json());
    expect((await otherSec.get('/api/duty-reviews')).json().total).toBe(0);
    expect((await secA.get('/api/duty-reviews')).json().total).toBe(1);
  });

  it('refuses every step out of order', async () => {
    for (const tr of ['hold_meeting', 'open_voting', 'close_voting', 'approve', 'publish']) {
      const res = await step(gsec, id, tr);
      expect(res.statusCode, tr).toBe(409);
    }
    // A branch secretary cannot take the campaign's steps.
    expect((await step(secA, id, 'open_reports')).statusCode).toBe(403);
    await ok(await step(gsec, id, 'open_reports'));
  });

  it('lets each secretary write only their own 述职报告; a draft stays theirs until submitted', async () => {
    expect(
      (await secA.put(`/api/duty-reviews/${id}/subjects/${subjectB}/report`, { report: fullReport }))
        .statusCode,
    ).toBe(403);
    expect(
      (await gsec.put(`/api/duty-reviews/${id}/subjects/${subjectA}/report`, { report: fullReport }))
        .statusCode,
    ).toBe(403);
    const draft = await ok(await secA.put(`/api/duty-reviews/${id}/subjects/${subjectA}/report`, { report }));
    expect(draft.subjects[0]!.report).toBe(report);
    expect((await ok(await secB.get(`/api/duty-reviews/${id}`))).subjects[0]!.report).toBeNull();
    const short = await secA.put(`/api/duty-reviews/${id}/subjects/${subjectA}/report`, {
      report,
      submit: true,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('述职报告');
    const inbox = (await secA.get('/api/inbox')).json() as InboxResponse;
    expect(inbox.items.filter((i) => i.kind === 'duty_review.report').map((i) => i.link)).toEqual([
      `/duty-reviews/${id}`,
    ]);
    // 召开述职会 waits for every report.
    const early = await step(gsec, id, 'hold_meeting');
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('尚未提交述职报告');
    await ok(
      await secA.put(`/api/duty-reviews/${id}/subjects/${subjectA}/report`, {
        report: fullReport,
        submit: true,
      }),
    );
    await ok(
      await secB.put(`/api/duty-reviews/${id}/subjects/${subjectB}/report`, {
        report: fullReport,
        submit: true,
      }),
    );
    expect(
      (await secA.put(`/api/duty-reviews/${id}/subjects/${subjectA}/report`, { report: fullReport }))
        .statusCode,
    ).toBe(409);
    expect((await ok(await secB.get(`/api/duty-reviews/${id}`))).subjects[0]!.report).toBe(fullReport);
    expect(
      ((await secA.get('/api/inbox')).json() as InboxResponse).items.some(
        (i) => i.kind === 'duty_review.report',
      ),
    ).toBe(false);
  });

  it('shows the evidence pack read from the records, never typed', async () => {
    const res = await secA.get(`/api/duty-reviews/${id}/subjects/${subjectA}/evidence`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = res.json().facts.map((f: { key: string }) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining(['three_meetings_one_lecture_rate', 'talk_coverage', 'findings_open']),
    );
    expect((await otherSec.get(`/api/duty-reviews/${id}/subjects/${subjectA}/evidence`)).statusCode).toBe(
      404,
    );
    expect((await secA.get(`/api/duty-reviews/${id}/subjects/${missingId}/evidence`)).statusCode).toBe(404);
  });

  it('records 答辩 and 点评 at the 述职会, and opens the 测评 only once every secretary has a 点评', async () => {
    await ok(await step(gsec, id, 'hold_meeting'));
    expect(
      (await secA.post(`/api/duty-reviews/${id}/subjects/${subjectA}/comments`, { content: '自评' }))
        .statusCode,
    ).toBe(403);
    await ok(
      await gsec.post(`/api/duty-reviews/${id}/subjects/${subjectA}/questions`, {
        question: '支部如何落实党员教育管理？',
        answer: '每月集中学习，建立学习台账。',
      }),
      201,
    );
    await ok(
      await gsec.post(`/api/duty-reviews/${id}/subjects/${subjectA}/comments`, {
        content: '理论学习要联系教学实际，增强针对性。',
      }),
      201,
    );
    const early = await step(gsec, id, 'open_voting');
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('乙支部书记尚无点评');
    const d = await ok(
      await gsec.post(`/api/duty-reviews/${id}/subjects/${subjectB}/comments`, {
        content: '“三会一课”记录不完整，组织生活质量不高。',
      }),
      201,
    );
    expect(d.subjects[1]!.comments[0]!.authorName).toBeTruthy();
    const voting = await ok(await step(gsec, id, 'open_voting'));
    expect(voting.status).toBe('voting');
    expect(voting.ballot).toMatchObject({ eligible: 5, cast: 0 });
  });

  it('decides the grades only after the tally, by the rule; an override needs its reason', async () => {
    const d = await ok(await gsec.get(`/api/duty-reviews/${id}`));
    const ballotId = d.ballot!.id;
    const vote = (c: Client, a: string, b: string) =>
      c.post(`/api/ballots/${ballotId}/votes`, {
        ballotChoices: [
          { itemKey: `subject-${subjectA}`, choice: a },
          { itemKey: `subject-${subjectB}`, choice: b },
        ],
      });
    for (const c of [gsec, secA, secB, g2]) expect((await vote(c, 'good', 'poor')).statusCode).toBe(201);
    expect((await ok(await gsec.get(`/api/duty-reviews/${id}`))).subjects[0]!.votes).toBeNull();
    expect(
      (
        await gsec.put(`/api/duty-reviews/${id}/subjects/${subjectA}/grade`, {
          evaluationScore: 90,
          grade: 'good',
        })
      ).statusCode,
    ).toBe(409);
    const grading = await ok(await step(gsec, id, 'close_voting'));
    expect(grading.status).toBe('grading');
    expect(grading.subjects[0]!.votes!.counts).toEqual({ good: 4, fairly_good: 0, average: 0, poor: 0 });
    expect(grading.subjects[0]!.computeNote).toBe('尚未填写党委（党总支）评价分');
    // 测评 100 × 70% + 评价 90 × 30% = 97 → 好.
    const a = await ok(
      await gsec.put(`/api/duty-reviews/${id}/subjects/${subjectA}/grade`, {
        evaluationScore: 90,
        grade: 'good',
      }),
    );
    expect(a.subjects[0]).toMatchObject({
      grade: 'good',
      overrideReason: null,
      computed: { score: 97, grade: 'good' },
    });
    // 测评 0 → 差; 一般 instead needs a reason.
    const noReason = await gsec.put(`/api/duty-reviews/${id}/subjects/${subjectB}/grade`, {
      evaluationScore: 70,
      grade: 'average',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields[0].path).toBe('overrideReason');
    const early = await step(gsec, id, 'approve');
    expect(early.statusCode).toBe(422);
    const b = await ok(
      await gsec.put(`/api/duty-reviews/${id}/subjects/${subjectB}/grade`, {
        evaluationScore: 70,
        grade: 'poor',
      }),
    );
    expect(b.subjects[1]).toMatchObject({ grade: 'poor', computed: { grade: 'poor', score: 21 } });
    await ok(await step(gsec, id, 'approve'));
    const published = await ok(await step(gsec, id, 'publish'));
    expect(published.status).toBe('published');
    expect(published.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'open_voting', 'close_voting', 'graded', 'publish']),
    );
  });

  it('turns the 点评 into 整改 items in one step, once, the secretary responsible', async () => {
    const past = await gsec.post(`/api/duty-reviews/${id}/rectifications`, { deadline: '2026-11-01' });
    expect(past.statusCode).toBe(400);
    const d = await ok(
      await gsec.post(`/api/duty-reviews/${id}/rectifications`, { deadline: '2027-03-31' }),
      201,
    );
    const itemIds = d.subjects.flatMap((s) => s.comments.map((c) => c.rectificationId));
    expect(itemIds.every((x) => typeof x === 'number')).toBe(true);
    const items = await t.db
      .selectFrom('rectification')
      .select(['org_id', 'source', 'responsible_person_id', 'source_ref'])
      .where('id', 'in', itemIds as number[])
      .orderBy('id')
      .execute();
    expect(items).toEqual([
      {
        org_id: tree.branchA.id,
        source: 'duty_report',
        responsible_person_id: p.sa,
        source_ref: `duty-review-${id}`,
      },
      {
        org_id: tree.branchB.id,
        source: 'duty_report',
        responsible_person_id: p.sb,
        source_ref: `duty-review-${id}`,
      },
    ]);
    expect(
      (await gsec.post(`/api/duty-reviews/${id}/rectifications`, { deadline: '2027-03-31' })).statusCode,
    ).toBe(409);
    expect(d.abilities.openRectifications).toBe(false);
  });

  it('feeds later modules: the grades of the year, the metric, and a finding on the 差 with its clause', async () => {
    const grades = await dutyReviewGradesOf(t.db, { orgIds: [tree.general.id], year: 2026 });
    expect(grades.map((g) => [g.orgId, g.grade])).toEqual([
      [tree.branchA.id, 'good'],
      [tree.branchB.id, 'poor'],
    ]);
    expect(await dutyReviewGradesOf(t.db, { orgIds: [tree.other.id], year: 2026 })).toEqual([]);
    const findings = await dutyReviewFindingsProvider.evaluate(t.db, '2026-11-20', null);
    expect(findings.map((f) => [f.ruleId, f.orgId])).toEqual([['duty_review.poor', tree.branchB.id]]);
    expect(findings[0]!.clause.article).toBe('第三条');
    const base = {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      referenceDate: '2026-12-31',
      metrics: ['duty_review_grade' as const],
    };
    const orgs = [
      {
        id: tree.branchA.id,
        name: 'A',
        type: 'branch' as const,
        path: tree.branchA.path,
        parentId: tree.general.id,
        category: null,
        foundedOn: null,
        level: 'branch' as const,
      },
      {
        id: tree.other.id,
        name: 'O',
        type: 'branch' as const,
        path: tree.other.path,
        parentId: tree.committee.id,
        category: null,
        foundedOn: null,
        level: 'branch' as const,
      },
    ];
    const facts = await computeDutyReviewMetrics(t.db, { ...base, orgs });
    expect(facts.get(tree.branchA.id)?.duty_review_grade?.value).toBe(4);
    expect(facts.get(tree.other.id)?.duty_review_grade?.value).toBeNull();
  });
});
