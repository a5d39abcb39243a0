/**
 * 中层干部年度考核 (issue 18 item 4) through the API: who reaches it (组织部 manages, 校领导 read, a secretary gets
 * 403 as for cadre files; ids not there answer 404); a round of the year over the roster's cadres on its day; 述职;
 * the 民主测评 as a ballot of the ballots module voted on the phone, counted only after closing; 评定 by core's rule
 * with the 优秀 quota (5 cadres → 1 优秀) and overrides with their reason; 公布; consequences with the cadre's
 * history; the finding of a 不称职 until its consequences are recorded; the results workbook.
 */
import {
  type CadreReviewDetail,
  type CadreReviewHistory,
  cadreReviewFiveDimensions,
  defaultCadreReviewRule,
  defaultDutyReviewRule,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreReviewFindingsProvider } from '../src/modules/cadre-reviews/findings.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-12-02T04:00:00Z'));
let t: TestApp;
let admin: Client;
let leader: Client;
let secA: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const names = ['赵院长', '钱处长', '孙副院长', '李副处长', '周主任'];
const people: number[] = [];
const cadres: number[] = [];
const voters: Client[] = [];
const missingId = 2_000_000_000;
let dutyReviewId = 0;

async function ok<T = CadreReviewDetail>(
  res: { statusCode: number; body: string; json(): unknown },
  code = 200,
) {
  expect(res.statusCode, res.body).toBe(code);
  return res.json() as T;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  const unit = (
    await t.db
      .insertInto('unit')
      .values({ name: '机电工程学院', kind: 'college' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  for (const [i, name] of names.entries()) {
    const personId = await t.factory.person({ orgId: tree.branchA.id, name });
    people.push(personId);
    const res = await admin.post('/api/cadres', {
      personId,
      post: {
        unitId: unit,
        title: i % 2 === 0 ? '院长' : '副院长',
        level: i % 2 === 0 ? 'principal' : 'deputy',
        track: 'admin',
        documentNo: null,
        startOn: '2024-03-01',
        probationEndOn: null,
        termEndOn: null,
      },
    });
    cadres.push((await ok<{ id: number }>(res, 201)).id);
  }
  // 赵院长 is also the secretary of 支部A: the round links that org's 党建 results.
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2025-01-01',
    end: '2028-01-01',
    team: [{ personId: people[0]!, post: 'secretary' }],
  });
  // …and was reviewed by the 党委's 述职评议 of 2026, published with 较好: it stands for their 述职 in the round.
  const review = await t.db
    .insertInto('duty_review')
    .values({
      org_id: tree.committee.id,
      level: 'secondary',
      year: 2026,
      title: '2026年度书记抓党建述职评议考核',
      starts_on: '2026-11-01',
      ends_on: '2026-11-30',
      report_due_on: '2026-11-20',
      status: 'published',
      rule: JSON.stringify(defaultDutyReviewRule),
      voter_committee: true,
      voter_secretaries: true,
      published_at: new Date('2026-11-30T04:00:00Z'),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  dutyReviewId = review.id;
  await t.db
    .insertInto('duty_review_subject')
    .values({
      duty_review_id: review.id,
      org_id: tree.branchA.id,
      person_id: people[0]!,
      person_name: '赵院长',
      grade: 'fairly_good',
      updated_at: new Date(),
    })
    .execute();
  const leaderPerson = await t.factory.person({ orgId: tree.other.id, name: '刘校长' });
  leader = await t.as([{ role: 'school_leader', orgId: null }], { personId: leaderPerson });
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  voters.push(leader);
  for (const p of people.slice(0, 2))
    voters.push(await t.as([{ role: 'member', orgId: tree.branchA.id }], { personId: p }));
});
afterAll(() => t.close());

describe('中层干部年度考核', () => {
  let id: number;
  let d: CadreReviewDetail;
  const subject = (name: string) => d.subjects.find((s) => s.name === name)!;

  it('the 组织部 creates the round of the year over the roster on its day; a second is a conflict', async () => {
    d = await ok(
      await admin.post('/api/cadre-reviews', {
        year: 2026,
        reviewOn: '2026-11-01',
        // The school's five items (德能勤绩廉) rather than the default one per cadre: five votes a cadre a voter.
        rule: { ...defaultCadreReviewRule, dimensions: [...cadreReviewFiveDimensions] },
        voters: { leaders: true, cadres: true },
      }),
      201,
    );
    id = d.id;
    expect({
      status: d.status,
      subjects: d.subjects.length,
      excellentQuota: d.excellentQuota,
      voters: d.voters,
    }).toEqual({ status: 'preparing', subjects: 5, excellentQuota: 1, voters: 6 });
    expect(subject('赵院长').posts).toBe('机电工程学院院长');
    expect(subject('赵院长').partyWork).toEqual([
      {
        orgId: tree.branchA.id,
        orgName: expect.any(String),
        assessment: null,
        dutyReviewGrade: 'fairly_good',
      },
    ]);
    expect(subject('赵院长').dutyReview).toMatchObject({ reviewId: dutyReviewId, grade: 'fairly_good' });
    expect(subject('钱处长').dutyReview).toBeNull();
    expect(d.ruleText).toContain('德、能、勤、绩、廉');
    const again = await admin.post('/api/cadre-reviews', { year: 2026 });
    expect(again.statusCode).toBe(409);
    expect((await admin.post('/api/cadre-reviews', { year: 2025, reviewOn: '2026-01-01' })).statusCode).toBe(
      400,
    );
    const noRoster = await admin.post('/api/cadre-reviews', { year: 2020 });
    expect(noRoster.statusCode).toBe(422);
    expect(noRoster.json().message).toContain('没有在任的中层干部');
  });

  it('校领导 read and do not write; a secretary reaches nothing; ids not there answer 404', async () => {
    expect((await leader.get(`/api/cadre-reviews/${id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/cadre-reviews', { year: 2027 })).statusCode).toBe(403);
    expect((await secA.get('/api/cadre-reviews')).statusCode).toBe(403);
    expect((await secA.get(`/api/cadre-reviews/${id}`)).statusCode).toBe(403);
    expect((await secA.get(`/api/cadre-reviews/cadres/${cadres[0]}/history`)).statusCode).toBe(403);
    expect((await admin.get(`/api/cadre-reviews/${missingId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/cadre-reviews/cadres/${missingId}/history`)).statusCode).toBe(404);
    expect(
      (await admin.put(`/api/cadre-reviews/${id}/subjects/${missingId}/report`, { report: '述职' }))
        .statusCode,
    ).toBe(404);
    const rep = await admin.post('/api/cadre-reviews', {
      year: 2027,
      reviewOn: '2027-01-01',
      voters: { representativeIds: [missingId] },
    });
    expect(rep.statusCode).toBe(404);
  });

  it('steps in order: no 测评 before 述职, and every cadre must have reported', async () => {
    const early = await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'open_voting' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('准备阶段，不能开始民主测评');
    d = await ok(await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'open_reports' }));
    expect(d.status).toBe('reporting');
    const unreported = await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'open_voting' });
    expect(unreported.statusCode).toBe(422);
    expect(unreported.json().message).toContain('尚无述职');
    // 赵院长's 述职评议 stands for the 述职: the others report.
    for (const s of d.subjects.filter((x) => x.name !== '赵院长'))
      d = await ok(
        await admin.put(`/api/cadre-reviews/${id}/subjects/${s.id}/report`, {
          report: `${s.name}的年度述职`,
        }),
      );
    d = await ok(await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'open_voting' }));
    expect(d.status).toBe('voting');
    expect(d.ballots).toHaveLength(1);
    expect(d.ballots[0]).toMatchObject({ eligible: 6, cast: 0 });
    const late = await admin.put(`/api/cadre-reviews/${id}/subjects/${d.subjects[0]!.id}/report`, {
      report: '改',
    });
    expect(late.statusCode).toBe(409);
  });

  it('voters vote once on the phone; nobody sees a count before the close', async () => {
    const ballotId = d.ballots[0]!.id;
    // 赵 优秀 from all; 钱 优秀 from all; 孙 称职; 李 基本称职; 周 不称职.
    const choice: Record<string, string> = {
      赵院长: 'excellent',
      钱处长: 'excellent',
      孙副院长: 'competent',
      李副处长: 'basically_competent',
      周主任: 'incompetent',
    };
    for (const v of voters) {
      const res = await v.post(`/api/ballots/${ballotId}/votes`, {
        ballotChoices: d.subjects.flatMap((s) =>
          [0, 1, 2, 3, 4].map((k) => ({ itemKey: `s${s.id}-${k}`, choice: choice[s.name] })),
        ),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    d = await ok(await admin.get(`/api/cadre-reviews/${id}`));
    expect(d.ballots[0]!.cast).toBe(3);
    expect(d.subjects.every((s) => s.votes === null)).toBe(true);
  });

  it('closing counts the ballot; 评定 takes the 党委 score; 优秀 within the quota; overrides need a reason', async () => {
    d = await ok(await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'close_voting' }));
    expect(d.status).toBe('grading');
    expect(subject('赵院长').votes!.counts).toEqual({
      excellent: 15,
      competent: 0,
      basically_competent: 0,
      incompetent: 0,
    });
    expect(subject('赵院长').computeNote).toBe('尚未填写党委评价分');
    const grade = (name: string, body: Record<string, unknown>) =>
      admin.put(`/api/cadre-reviews/${id}/subjects/${subject(name).id}/grade`, body);
    d = await ok(await grade('赵院长', { evaluationScore: 95, grade: 'excellent' }));
    expect(subject('赵院长').computed).toMatchObject({ score: 98.5, grade: 'excellent' });
    const over = await grade('钱处长', { evaluationScore: 95, grade: 'excellent' });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toContain('优秀等次名额');
    expect(over.json().message).toContain('向下取整 1 人');
    const noReason = await grade('钱处长', { evaluationScore: 95, grade: 'competent' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('调整理由');
    d = await ok(
      await grade('钱处长', { evaluationScore: 95, grade: 'competent', overrideReason: '优秀名额已满' }),
    );
    d = await ok(await grade('孙副院长', { evaluationScore: 80, grade: 'competent' }));
    // 基本称职: 60 × 0.7 + 60 × 0.3 = 60 exactly → 基本称职.
    d = await ok(await grade('李副处长', { evaluationScore: 60, grade: 'basically_competent' }));
    expect(subject('李副处长').computed).toMatchObject({ score: 60, grade: 'basically_competent' });
    d = await ok(await grade('周主任', { evaluationScore: 50, grade: 'incompetent' }));
    expect({ graded: d.graded, excellent: d.excellent }).toEqual({ graded: 5, excellent: 1 });
    expect(
      (
        await leader.put(`/api/cadre-reviews/${id}/subjects/${subject('周主任').id}/grade`, {
          evaluationScore: 50,
          grade: 'incompetent',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('publishes; a 不称职 raises a finding until its 红牌 and 调整职务 are recorded; history per cadre', async () => {
    d = await ok(await admin.post(`/api/cadre-reviews/${id}/steps`, { step: 'publish' }));
    expect(d.status).toBe('published');
    expect(subject('周主任').dueConsequences.map((c) => [c.kind, c.recorded])).toEqual([
      ['red_card', false],
      ['post_adjustment', false],
    ]);
    expect(subject('李副处长').dueConsequences.map((c) => c.kind)).toEqual(['yellow_card']);
    let findings = await cadreReviewFindingsProvider.evaluate(t.db, '2026-12-02', null);
    expect(findings.map((f) => [f.ruleId, f.personId])).toEqual([
      ['cadre_review.consequence_pending', people[4]],
    ]);
    expect(findings[0]!.message).toContain('红牌（诫勉）、调整职务（能上能下）尚未落实');

    const record = (name: string, body: Record<string, unknown>) =>
      admin.post(`/api/cadre-reviews/${id}/subjects/${subject(name).id}/consequences`, body);
    const onCompetent = await record('孙副院长', {
      kind: 'yellow_card',
      decidedOn: '2026-12-02',
      note: '提醒谈话',
    });
    expect(onCompetent.statusCode).toBe(422);
    expect(
      (await record('周主任', { kind: 'red_card', decidedOn: '2026-12-09', note: '诫勉谈话' })).statusCode,
    ).toBe(400);
    d = await ok(
      await record('周主任', { kind: 'red_card', decidedOn: '2026-12-02', note: '诫勉谈话' }),
      201,
    );
    findings = await cadreReviewFindingsProvider.evaluate(t.db, '2026-12-02', null);
    expect(findings[0]!.message).toContain('调整职务（能上能下）尚未落实');
    d = await ok(
      await record('周主任', {
        kind: 'post_adjustment',
        decidedOn: '2026-12-02',
        note: '免去现职，另行安排',
      }),
      201,
    );
    expect(await cadreReviewFindingsProvider.evaluate(t.db, '2026-12-02', null)).toEqual([]);
    d = await ok(
      await record('李副处长', { kind: 'yellow_card', decidedOn: '2026-12-02', note: '提醒谈话' }),
      201,
    );

    const history = await ok<CadreReviewHistory>(
      await leader.get(`/api/cadre-reviews/cadres/${cadres[4]}/history`),
    );
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({ year: 2026, grade: 'incompetent' });
    expect(history.entries[0]!.consequences.map((c) => c.kind)).toEqual(['red_card', 'post_adjustment']);
  });

  it('a second 基本称职 calls for a 红牌 next year (the consequences rule reads the previous round)', async () => {
    const next = await ok(
      await admin.post('/api/cadre-reviews', { year: 2027, reviewOn: '2027-11-01' }),
      201,
    );
    expect(next.subjects.find((s) => s.name === '李副处长')!.previousGrade).toBe('basically_competent');
  });

  it('the results workbook downloads for the 校领导', async () => {
    const res = await leader.get(`/api/cadre-reviews/${id}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});
