/**
 * The yearly party statistics (issue 17 item 4, 党内统计年报) through the API: 401/403/cross-scope 404; the 民主评议党员
 * results of the year read from the completed appraisals (参加评议人数, 预备党员 not graded, the four grades, the branches
 * completed or not) and the published 述职 grades by level — each caller over their own scope; the Excel shows the
 * same. The rows are written as the two modules leave them; the statistics enter nothing.
 */
import { defaultDutyReviewRule, type PartyStatistics } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-12-20T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let zzb: Client;
let gsec: Client;
let secB: Client;
let member: Client;

async function appraisal(
  orgId: number,
  year: number,
  status: 'completed' | 'voting',
  roll: { grade: 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified' | null }[],
) {
  const { id } = await t.db
    .insertInto('member_appraisal')
    .values({
      org_id: orgId,
      year,
      status,
      peer_review: false,
      started_on: `${year}-11-01`,
      completed_on: status === 'completed' ? `${year}-12-15` : null,
      updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of roll) {
    const personId = await t.factory.person({ orgId, status: r.grade ? 'full' : 'probationary' });
    await t.db
      .insertInto('member_appraisal_member')
      .values({
        appraisal_id: id,
        person_id: personId,
        name: `党员${personId}`,
        probationary: r.grade === null,
        decided_grade: status === 'completed' ? r.grade : null,
        decided_reason: r.grade === 'unqualified' ? '长期不参加组织生活' : null,
      })
      .execute();
  }
}

async function dutyReview(
  orgId: number,
  level: 'secondary' | 'branch',
  status: 'published' | 'approved',
  subjects: { orgId: number; grade: 'good' | 'fairly_good' | 'average' | 'poor' }[],
) {
  const { id } = await t.db
    .insertInto('duty_review')
    .values({
      org_id: orgId,
      level,
      year: 2026,
      title: `2026年度述职评议${level}`,
      starts_on: '2026-11-01',
      ends_on: '2026-12-31',
      report_due_on: '2026-11-30',
      status,
      rule: JSON.stringify(defaultDutyReviewRule),
      voter_committee: true,
      voter_secretaries: true,
      published_at: status === 'published' ? clock.now() : null,
      updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const s of subjects) {
    const personId = await t.factory.person({ orgId: s.orgId, name: `书记${s.orgId}` });
    await t.db
      .insertInto('duty_review_subject')
      .values({
        duty_review_id: id,
        org_id: s.orgId,
        person_id: personId,
        person_name: `书记${s.orgId}`,
        grade: s.grade,
        updated_at: clock.now(),
      })
      .execute();
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  [zzb, gsec, secB] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
  ]);
  member = await t.as([{ role: 'member', orgId: null }], {
    personId: await t.factory.person({ orgId: tree.branchA.id }),
  });
  // Branch A completed 2026: 1 优秀, 3 合格, 1 不合格 and a 预备党员; completed 2025 too (2 合格).
  await appraisal(tree.branchA.id, 2026, 'completed', [
    { grade: 'excellent' },
    { grade: 'qualified' },
    { grade: 'qualified' },
    { grade: 'qualified' },
    { grade: 'unqualified' },
    { grade: null },
  ]);
  await appraisal(tree.branchA.id, 2025, 'completed', [{ grade: 'qualified' }, { grade: 'qualified' }]);
  // Branch B still voting; the 直属支部 has not started.
  await appraisal(tree.branchB.id, 2026, 'voting', [{ grade: 'qualified' }, { grade: 'qualified' }]);
  // The 党委 graded the 总支 好 and the 直属支部 差; the 总支 graded its branches 较好 and 一般 (published);
  // a campaign not yet published counts nothing.
  await dutyReview(tree.committee.id, 'secondary', 'published', [
    { orgId: tree.general.id, grade: 'good' },
    { orgId: tree.other.id, grade: 'poor' },
  ]);
  await dutyReview(tree.general.id, 'branch', 'published', [
    { orgId: tree.branchA.id, grade: 'fairly_good' },
    { orgId: tree.branchB.id, grade: 'average' },
  ]);
  await dutyReview(tree.committee.id, 'secondary', 'approved', [{ orgId: tree.other.id, grade: 'good' }]);
});
afterAll(() => t.close());

async function stats(c: Client, query: string): Promise<PartyStatistics> {
  const res = await c.get(`/api/party-statistics${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PartyStatistics;
}

describe('GET /api/party-statistics', () => {
  it('answers 401 signed out, 403 to a member, 404 for an org outside the scope or missing, 400 for a bad year', async () => {
    expect((await t.anonymous.get('/api/party-statistics')).statusCode).toBe(401);
    expect((await member.get('/api/party-statistics')).statusCode).toBe(403);
    expect((await member.get('/api/party-statistics.xlsx')).statusCode).toBe(403);
    const cross = await secB.get(`/api/party-statistics?orgId=${tree.branchA.id}`);
    expect(cross.statusCode).toBe(404);
    const missing = await secB.get('/api/party-statistics?orgId=2000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(cross.json());
    const bad = await zzb.get('/api/party-statistics?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('年度');
  });

  it('the 组织部: every branch of the year, the decided grades of the completed ones, the 述职 grades by level', async () => {
    const s = await stats(zzb, '?year=2026');
    expect(s.appraisal).toMatchObject({
      branches: 3,
      completed: 1,
      notCompleted: 2,
      participants: 6,
      probationary: 1,
      graded: 5,
      counts: { excellent: 1, qualified: 3, basically_qualified: 0, unqualified: 1 },
    });
    const byOrg = new Map(s.appraisal.rows.map((r) => [r.org.id, r]));
    expect(byOrg.get(tree.branchA.id)).toMatchObject({
      state: 'completed',
      participants: 6,
      probationary: 1,
    });
    expect(byOrg.get(tree.branchB.id)).toMatchObject({
      state: 'in_progress',
      status: 'voting',
      counts: null,
    });
    expect(byOrg.get(tree.other.id)).toMatchObject({
      state: 'not_started',
      appraisalId: null,
      participants: 0,
    });
    expect(s.dutyReview.graded).toBe(4);
    expect(s.dutyReview.counts).toEqual({ good: 1, fairly_good: 1, average: 1, poor: 1 });
    expect(s.dutyReview.levels).toEqual([
      { level: 'secondary', total: 2, counts: { good: 1, fairly_good: 0, average: 0, poor: 1 } },
      { level: 'branch', total: 2, counts: { good: 0, fairly_good: 1, average: 1, poor: 0 } },
    ]);
  });

  it('another year reads that year only', async () => {
    const s = await stats(zzb, '?year=2025');
    expect(s.appraisal).toMatchObject({ completed: 1, participants: 2, graded: 2, probationary: 0 });
    expect(s.appraisal.counts.qualified).toBe(2);
    expect(s.dutyReview.graded).toBe(0);
  });

  it('a 总支 and a branch secretary see their own scope; a subtree of it on request', async () => {
    const g = await stats(gsec, '?year=2026');
    expect(g.appraisal.rows.map((r) => r.org.id).sort()).toEqual([tree.branchA.id, tree.branchB.id].sort());
    expect(g.dutyReview.rows.map((r) => r.org.id).sort()).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id].sort(),
    );
    const b = await stats(secB, '?year=2026');
    expect(b.appraisal).toMatchObject({ branches: 1, completed: 0, notCompleted: 1, participants: 0 });
    expect(b.dutyReview.rows).toEqual([
      expect.objectContaining({ org: { id: tree.branchB.id, name: '网络学生党支部' }, grade: 'average' }),
    ]);
    const sub = await stats(zzb, `?year=2026&orgId=${tree.branchA.id}`);
    expect(sub.org).toEqual({ id: tree.branchA.id, name: '软件教工党支部' });
    expect(sub.appraisal.branches).toBe(1);
    expect(sub.dutyReview.rows.map((r) => r.grade)).toEqual(['fairly_good']);
  });

  it('the Excel holds the same figures, with a total row', async () => {
    const res = await zzb.get('/api/party-statistics.xlsx?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('民主评议党员')!;
    const rows: string[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]![0]).toBe('2026年度民主评议党员情况统计');
    expect(rows.at(-1)).toEqual(['合计', '已完成 1 个', '', '', '6', '1', '1', '3', '0', '1']);
    expect(rows.some((r) => r[1] === '图书馆直属党支部' && r[2] === '未开展')).toBe(true);
    const duty = wb.getWorksheet('述职评议')!;
    const lines: string[] = [];
    duty.eachRow((r) => lines.push((r.values as unknown[]).slice(1).join('|')));
    expect(lines[1]).toContain('党总支、直属党支部书记 2 人（好1、较好0、一般0、差1）');
    expect(lines.filter((l) => l.endsWith('|差'))).toHaveLength(1);
  });
});
