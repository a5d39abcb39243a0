/**
 * 民主评议党员 (issue 17 item 2) through the API: who reaches the endpoints (401/403/cross-scope 404); 启动 with the
 * roll of the day; 个人自评 on the phone (the secretary sees who wrote); 党员互评 seen by the 支委会 only; the 民主测评 ballot
 * voted on and closed; the 支委会's proposal refused above one third 优秀, with a grade for a 预备党员, without a
 * reason for 不合格; the 党员大会's decision with its record and the 限期改正 plan (≤ 1 year); the plan on the member's
 * timeline and followed to its outcome; findings, 待办, compliance of the 民主评议党员 record, the metric, the read
 * for later modules, the 登记表 and 汇总表.
 */
import type { InboxResponse, MemberAppraisalDetail, MemberEvent } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAssessmentFacts } from '../src/modules/assessment/metrics.ts';
import { loadActivityFacts } from '../src/modules/compliance/facts.ts';
import { appraisalResultsOf } from '../src/modules/member-appraisals/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { docxText } from './fixtures/docx.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-12-10T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secA: Client;
let gsec: Client;
let secB: Client;
let leader: Client;
let outsider: Client;
/** Five full members and one probationary of branch A, each with an account. */
let full: number[];
let probationary: number;
let members: Client[];
let probationaryClient: Client;
let meeting: number;
let otherMeeting: number;
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  full = [];
  for (const name of ['张一', '李二', '王三', '赵四', '钱五'])
    full.push(await t.factory.person({ orgId: tree.branchA.id, name }));
  probationary = await t.factory.person({ orgId: tree.branchA.id, status: 'probationary', name: '孙六' });
  await t.factory.people(tree.branchB.id, 3);
  [secA, gsec, secB, leader] = await Promise.all([
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
  ]);
  members = await Promise.all(full.map((personId) => t.as([{ role: 'member', orgId: null }], { personId })));
  probationaryClient = await t.as([{ role: 'member', orgId: null }], { personId: probationary });
  outsider = await t.as([{ role: 'member', orgId: null }], {
    personId: await t.factory.person({ orgId: tree.branchB.id }),
  });
  meeting = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'member_appraisal',
    onDate: '2026-12-20',
    title: '2026年度民主评议党员大会',
    status: 'held',
  });
  otherMeeting = await insertActivity(t.db, {
    orgId: tree.branchB.id,
    kind: 'general_meeting',
    onDate: '2026-12-20',
  });
});
afterAll(() => t.close());

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as MemberAppraisalDetail;
}
const step = (c: Client, id: number, transition: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/member-appraisals/${id}/transitions`, { transition, ...extra });
const inboxKinds = async (c: Client) =>
  ((await c.get('/api/inbox')).json() as InboxResponse).items
    .filter((i) => i.kind.startsWith('member_appraisal.'))
    .map((i) => i.kind);
const openFindings = async (ruleId: string) =>
  (
    await t.db
      .selectFrom('finding')
      .select(['rule_id', 'org_id', 'person_id', 'state'])
      .where('rule_id', '=', ruleId as never)
      .execute()
  ).filter((f) => f.state !== 'resolved');

/** Every full member graded: `excellent` of them 优秀, the first `unqualified` 不合格, the rest 合格. */
const grades = (excellent: number, unqualified = 0) =>
  full.map((personId, i) => ({
    personId,
    grade: i < unqualified ? 'unqualified' : i < unqualified + excellent ? 'excellent' : 'qualified',
    ...(i < unqualified ? { reason: '长期不参加组织生活，经教育仍不改正' } : {}),
  }));

describe('民主评议党员 of branch A, from 启动 to the 党员大会', () => {
  let a: MemberAppraisalDetail;

  it('answers 401 signed out, 403 without the permission, 404 out of scope', async () => {
    expect((await t.anonymous.get('/api/member-appraisals')).statusCode).toBe(401);
    expect((await members[0]!.get('/api/member-appraisals')).statusCode).toBe(403);
    expect(
      (await members[0]!.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026 })).statusCode,
    ).toBe(403);
    const cross = await secB.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026 });
    expect(cross.statusCode).toBe(404);
    expect(cross.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await leader.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026 })).statusCode,
    ).toBe(403);
  });

  it('启动: refuses a 总支, a year too far, then fixes the roll of the day and tells the members', async () => {
    const notBranch = await gsec.post('/api/member-appraisals', { orgId: tree.general.id, year: 2026 });
    expect(notBranch.statusCode).toBe(400);
    expect(notBranch.json().message).toContain('由党支部组织开展');
    expect(
      (await secA.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2024 })).statusCode,
    ).toBe(400);
    a = await ok(
      await secA.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026, peerReview: true }),
      201,
    );
    expect(a).toMatchObject({
      status: 'self_assessment',
      rollSize: 6,
      graded: 5,
      excellentMax: 1,
      peerReview: true,
    });
    expect(a.roll.find((m) => m.personId === probationary)?.probationary).toBe(true);
    expect(a.abilities).toMatchObject({ open_peer_review: true, open_voting: false, decide: false });
    const again = await secA.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026 });
    expect(again.statusCode).toBe(409);
    const notes = (await members[0]!.get('/api/notifications?pageSize=50')).json() as {
      items: { kind: string }[];
    };
    expect(notes.items.map((n) => n.kind)).toContain('member_appraisal.opened');
    expect(await inboxKinds(members[0]!)).toEqual(['member_appraisal.self']);
    expect(await inboxKinds(secA)).toEqual(['member_appraisal.step']);
    // Scope: the branch's 总支 and the leader see it, the other branch does not.
    await ok(await gsec.get(`/api/member-appraisals/${a.id}`));
    expect((await secB.get(`/api/member-appraisals/${a.id}`)).statusCode).toBe(404);
    expect((await secA.get(`/api/member-appraisals/${missingId}`)).statusCode).toBe(404);
    const list = (await secB.get('/api/member-appraisals')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('个人自评 on the phone: the member writes, the secretary sees who wrote; others cannot', async () => {
    const text = '本年度认真学习党的创新理论，按时参加组织生活，完成教学任务，不足是联系群众不够。';
    const mine = await members[0]!.put(`/api/me/member-appraisals/${a.id}/self-assessment`, { text });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items[0]).toMatchObject({ id: a.id, canWrite: true, selfAssessment: text });
    const short = await members[1]!.put(`/api/me/member-appraisals/${a.id}/self-assessment`, {
      text: '很好',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('个人自评');
    expect(
      (await outsider.put(`/api/me/member-appraisals/${a.id}/self-assessment`, { text })).statusCode,
    ).toBe(404);
    expect(await inboxKinds(members[0]!)).toEqual([]);
    const seen = await ok(await secA.get(`/api/member-appraisals/${a.id}`));
    expect(seen.selfAssessed).toBe(1);
    expect(seen.roll.find((m) => m.personId === full[0])?.selfAssessment).toBe(text);
    const byLeader = await ok(await leader.get(`/api/member-appraisals/${a.id}`));
    expect(byLeader.roll.find((m) => m.personId === full[0])).toMatchObject({ selfAssessment: null });
    expect(byLeader.roll.find((m) => m.personId === full[0])?.selfAssessedAt).not.toBeNull();
  });

  it('党员互评: comments about others on the roll, seen by the 支委会 only', async () => {
    expect((await step(secA, a.id, 'open_voting')).statusCode).toBe(409);
    a = await ok(await step(secA, a.id, 'open_peer_review'));
    expect(a.status).toBe('peer_review');
    const c = await members[1]!.post(`/api/me/member-appraisals/${a.id}/peer-comments`, {
      aboutPersonId: full[0],
      comment: '工作积极，乐于助人',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(
      (
        await members[1]!.post(`/api/me/member-appraisals/${a.id}/peer-comments`, {
          aboutPersonId: full[1],
          comment: '自评',
        })
      ).statusCode,
    ).toBe(404);
    const seen = await ok(await secA.get(`/api/member-appraisals/${a.id}`));
    expect(seen.peerComments).toHaveLength(1);
    expect(seen.peerComments[0]).toMatchObject({ aboutName: '张一', comment: '工作积极，乐于助人' });
    expect((await ok(await leader.get(`/api/member-appraisals/${a.id}`))).peerComments).toEqual([]);
  });

  it('民主测评: a ballot of the full members voted by everyone on the roll; closed before the 支委会 proposes', async () => {
    a = await ok(await step(secA, a.id, 'open_voting', { votingClosesOn: '2026-12-15' }));
    expect(a.status).toBe('voting');
    expect(a.ballot).toMatchObject({ eligible: 6, cast: 0, closed: false });
    // The roll can no longer write a 自评.
    expect(
      (
        await members[2]!.put(`/api/me/member-appraisals/${a.id}/self-assessment`, {
          text: '迟到的自评，内容足够长。',
        })
      ).statusCode,
    ).toBe(409);
    const ballotId = a.ballot!.id;
    const voters = [...members, probationaryClient];
    for (const [i, c] of voters.entries()) {
      const res = await c.post(`/api/ballots/${ballotId}/votes`, {
        ballotChoices: full.map((personId, j) => ({
          itemKey: `person-${personId}`,
          choice: j === 0 ? (i < 4 ? 'excellent' : 'qualified') : j === 4 ? 'unqualified' : 'qualified',
        })),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await step(secA, a.id, 'propose', { grades: grades(1) })).statusCode).toBe(409);
    a = await ok(await step(secA, a.id, 'close_voting'));
    expect(a.status).toBe('proposal');
    expect(a.ballot).toMatchObject({ cast: 6, closed: true });
    const first = a.roll.find((m) => m.personId === full[0])!;
    expect(first.votes?.counts).toMatchObject({ excellent: 4, qualified: 2 });
    expect(a.roll.find((m) => m.personId === probationary)?.votes).toBeNull();
  });

  it('支委会 proposes: 优秀 at most one third, no grade for a 预备党员, every full member once, 不合格 with its reason', async () => {
    const over = await step(secA, a.id, 'propose', { grades: grades(2) });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('三分之一');
    expect(over.json().message).toContain('参评正式党员5名，优秀至多1名，现为2名');
    const pro = await step(secA, a.id, 'propose', {
      grades: [...grades(1), { personId: probationary, grade: 'qualified' }],
    });
    expect(pro.statusCode).toBe(400);
    expect(pro.json().message).toContain('预备党员');
    expect((await step(secA, a.id, 'propose', { grades: grades(1).slice(1) })).statusCode).toBe(400);
    const noReason = grades(1).map((g, i) => (i === 4 ? { personId: g.personId, grade: 'unqualified' } : g));
    const r = await step(secA, a.id, 'propose', { grades: noReason });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('须写明理由');
    // Nothing changed by the refusals.
    expect((await ok(await secA.get(`/api/member-appraisals/${a.id}`))).status).toBe('proposal');
    const proposal = [
      { personId: full[0]!, grade: 'excellent' },
      { personId: full[1]!, grade: 'qualified' },
      { personId: full[2]!, grade: 'qualified' },
      { personId: full[3]!, grade: 'basically_qualified' },
      { personId: full[4]!, grade: 'unqualified', reason: '全年未参加组织生活，经教育仍不改正' },
    ];
    a = await ok(await step(secA, a.id, 'propose', { grades: proposal }));
    expect(a.status).toBe('decision');
    expect(a.roll.find((m) => m.personId === full[4])).toMatchObject({ proposedGrade: 'unqualified' });
  });

  it('党员大会 decides with its record of the branch and a 限期改正 plan of at most one year', async () => {
    const decided = [
      { personId: full[0]!, grade: 'excellent' },
      { personId: full[1]!, grade: 'qualified' },
      { personId: full[2]!, grade: 'qualified' },
      { personId: full[3]!, grade: 'basically_qualified' },
      { personId: full[4]!, grade: 'unqualified', reason: '全年未参加组织生活，经教育仍不改正' },
    ];
    const plan = {
      personId: full[4]!,
      deadline: '2027-06-30',
      measures: '支部书记每月谈心一次，按时参加组织生活',
      contactPersonId: full[0]!,
    };
    const noMeeting = await step(secA, a.id, 'decide', { grades: decided, plans: [plan] });
    expect(noMeeting.statusCode).toBe(400);
    expect(noMeeting.json().details.fields.map((f: { path: string }) => f.path)).toContain(
      'meetingActivityId',
    );
    const other = await step(secA, a.id, 'decide', {
      grades: decided,
      plans: [plan],
      meetingActivityId: otherMeeting,
    });
    expect(other.statusCode).toBe(404);
    const noPlan = await step(secA, a.id, 'decide', { grades: decided, meetingActivityId: meeting });
    expect(noPlan.statusCode).toBe(400);
    expect(noPlan.json().message).toContain('限期改正');
    const tooLong = await step(secA, a.id, 'decide', {
      grades: decided,
      meetingActivityId: meeting,
      plans: [{ ...plan, deadline: '2027-12-11' }],
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('第三十条');
    const outsideContact = await step(secA, a.id, 'decide', {
      grades: decided,
      meetingActivityId: meeting,
      plans: [{ ...plan, contactPersonId: missingId }],
    });
    expect(outsideContact.statusCode).toBe(404);
    a = await ok(
      await step(secA, a.id, 'decide', { grades: decided, meetingActivityId: meeting, plans: [plan] }),
    );
    expect(a).toMatchObject({
      status: 'completed',
      completedOn: '2026-12-10',
      decided: { excellent: 1, unqualified: 1 },
    });
    expect(a.meetingActivity?.id).toBe(meeting);
    expect(a.plans).toHaveLength(1);
    expect(a.plans[0]).toMatchObject({
      personName: '钱五',
      contactName: '张一',
      status: 'open',
      deadline: '2027-06-30',
    });
    expect(Object.values(a.abilities).filter(Boolean)).toEqual([true]); // only managePlans
    expect((await step(secA, a.id, 'decide', { grades: decided })).statusCode).toBe(409);
    const mine = (await members[4]!.get('/api/me/member-appraisals')).json() as {
      items: { decidedGrade: string }[];
    };
    expect(mine.items[0]?.decidedGrade).toBe('unqualified');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'member_appraisal')
      .execute();
    expect(new Set(audit.map((x) => x.action))).toEqual(
      new Set([
        'member_appraisal.create',
        'member_appraisal.self_assessment',
        'member_appraisal.peer_comment',
        'member_appraisal.transition',
      ]),
    );
  });

  it('the grade and the 限期改正 plan are on the member’s timeline; the 不合格 member is a finding citing 第三十条', async () => {
    const timeline = (await secA.get(`/api/members/${full[4]}/timeline`)).json() as MemberEvent[];
    expect(timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['appraisal_graded', 'correction_plan_opened']),
    );
    expect(timeline.find((e) => e.kind === 'correction_plan_opened')?.summary).toContain(
      '限期改正至 2027-06-30',
    );
    await secA.get('/api/inbox');
    const f = await openFindings('appraisal.unqualified_member');
    expect(f).toEqual([expect.objectContaining({ org_id: tree.branchA.id, person_id: full[4] })]);
  });

  it('the plan is followed: notes, then the outcome — 仍无转变 needs 劝退 or 除名 (第三十一条)', async () => {
    const planId = a.plans[0]!.id;
    expect(
      (await secB.post(`/api/member-appraisal-plans/${planId}/notes`, { note: '谈心一次' })).statusCode,
    ).toBe(404);
    a = await ok(
      await secA.post(`/api/member-appraisal-plans/${planId}/notes`, { note: '1月谈心谈话，表示愿意改正' }),
      201,
    );
    expect(a.plans[0]!.notes).toHaveLength(1);
    const bare = await secA.post(`/api/member-appraisal-plans/${planId}/outcome`, {
      outcome: 'unchanged',
      note: '仍不参加组织生活',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('第三十一条');
    a = await ok(
      await secA.post(`/api/member-appraisal-plans/${planId}/outcome`, {
        outcome: 'unchanged',
        note: '仍不参加组织生活',
        proposal: 'persuade_withdraw',
      }),
    );
    expect(a.plans[0]).toMatchObject({
      status: 'unchanged',
      proposal: 'persuade_withdraw',
      closedOn: '2026-12-10',
    });
    expect(
      (
        await secA.post(`/api/member-appraisal-plans/${planId}/outcome`, {
          outcome: 'corrected',
          note: '改了',
        })
      ).statusCode,
    ).toBe(409);
    const timeline = (await secA.get(`/api/members/${full[4]}/timeline`)).json() as MemberEvent[];
    expect(timeline.find((e) => e.kind === 'correction_plan_closed')?.summary).toContain('劝其退党');
    await secA.get('/api/inbox');
    expect(await openFindings('appraisal.unqualified_member')).toEqual([]);
  });

  it('the 民主评议党员 record counts for compliance only once the appraisal is completed', async () => {
    const before = await insertActivity(t.db, {
      orgId: tree.branchB.id,
      kind: 'member_appraisal',
      onDate: '2026-11-20',
      title: '2026年度民主评议党员大会',
    });
    const counted = async () =>
      (await loadActivityFacts(t.db, '2026-01-01', '2026-12-31'))
        .filter((x) => x.kind === 'member_appraisal')
        .map((x) => x.id);
    const closedA = await insertActivity(t.db, {
      orgId: tree.branchA.id,
      kind: 'member_appraisal',
      onDate: '2026-12-05',
    });
    expect((await counted()).sort()).toEqual([closedA].sort());
    expect(await counted()).not.toContain(before);
  });

  it('facts for others: the results, the metric, 汇总表 and 登记表', async () => {
    const results = await appraisalResultsOf(t.db, { orgIds: [tree.branchA.id], year: 2026 });
    expect(results.map((r) => r.grade).sort()).toEqual(
      ['basically_qualified', 'excellent', 'qualified', 'qualified', 'unqualified'].sort(),
    );
    expect(results.some((r) => r.personId === probationary)).toBe(false);
    const facts = await computeAssessmentFacts(t.db, {
      orgIds: [tree.branchA.id, tree.branchB.id],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      referenceDate: '2026-12-31',
      metrics: ['member_appraisal_done'],
    });
    expect(facts.get(tree.branchA.id)?.member_appraisal_done?.value).toBe(1);
    expect(facts.get(tree.branchB.id)?.member_appraisal_done?.value).toBe(0);
    const doc = await secA.get(`/api/member-appraisals/${a.id}/register.docx`);
    expect(doc.statusCode).toBe(200);
    const text = docxText(doc.rawPayload);
    expect(text).toContain('2026年度民主评议党员登记表');
    for (const name of ['张一', '钱五', '孙六']) expect(text).toContain(name);
    expect(text).toContain('限期改正');
    const xlsx = await secA.get(`/api/member-appraisals/${a.id}/summary.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(values).toContain('钱五');
    expect(values).toContain('不评定等次');
    expect((await secB.get(`/api/member-appraisals/${a.id}/summary.xlsx`)).statusCode).toBe(404);
  });
});

describe('an appraisal not completed by its year end', () => {
  it('is a next step for the secretary, then a finding citing 第十八条 once the year is over', async () => {
    const b = await ok(
      await secB.post('/api/member-appraisals', { orgId: tree.branchB.id, year: 2026 }),
      201,
    );
    expect(await inboxKinds(secB)).toEqual(['member_appraisal.step']);
    await secB.get('/api/inbox');
    expect(await openFindings('appraisal.not_completed')).toEqual([]);
    clock.advance(23 * 86_400_000); // 2027-01-02
    try {
      const again = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
      await again.get(`/api/member-appraisals/${b.id}`);
      expect(await openFindings('appraisal.not_completed')).toEqual([
        expect.objectContaining({ org_id: tree.branchB.id }),
      ]);
    } finally {
      clock.advance(-23 * 86_400_000);
    }
  });
});
