/**
 * The 述职报告's deadline (issue 17): a campaign has one (default: the 30th day of the campaign or of the days from its
 * launch, never after its end; an explicit one inside the campaign and not past); the secretaries hear of it at
 * launch; their 待办 is due on it; a week before it the `duty_review.report_due` finding and, three days before, the
 * morning reminder to the secretary; after it `duty_review.report_overdue` with its clause; a submitted report
 * clears all of it.
 */
import type { DutyReviewDetail, InboxResponse } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindDeadlines } from '../src/modules/notifications/service.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['login']>>;

const clock = testClock(new Date('2026-11-20T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let gsec: Client;
let secA: Client;
let secB: Client;
let review: DutyReviewDetail;
let users: { username: string }[];
const p = {} as Record<'gs' | 'g2' | 'sa' | 'sb', number>;
const fullReport =
  '一年来，本支部认真落实“三会一课”制度，按月开展主题党日，坚持党员教育管理，组织党员集中学习十二次，谈心谈话覆盖全体党员；发展党员两名，整改问题三项。存在的不足：理论学习深度不够。';

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  const f = t.factory;
  p.gs = await f.person({ orgId: tree.general.id, name: '总支书记丙' });
  p.g2 = await f.person({ orgId: tree.general.id, name: '总支委员丁' });
  p.sa = await f.person({ orgId: tree.branchA.id, name: '甲支部书记' });
  p.sb = await f.person({ orgId: tree.branchB.id, name: '乙支部书记' });
  const term = (orgId: number, team: { personId: number; post: 'secretary' | 'committee_member' }[]) =>
    f.term({
      orgId,
      start: '2024-06-01',
      end: '2027-06-01',
      teamKind: team.length > 1 ? 'committee' : 'secretary_only',
      team,
    });
  await term(tree.general.id, [
    { personId: p.gs, post: 'secretary' },
    { personId: p.g2, post: 'committee_member' },
  ]);
  await term(tree.branchA.id, [{ personId: p.sa, post: 'secretary' }]);
  await term(tree.branchB.id, [{ personId: p.sb, post: 'secretary' }]);
  users = await Promise.all([
    f.user([{ role: 'general_branch_secretary', orgId: tree.general.id }], { personId: p.gs }),
    f.user([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: p.sa }),
    f.user([{ role: 'branch_secretary', orgId: tree.branchB.id }], { personId: p.sb }),
  ]);
  await signIn();
});

/** Signs the three in again (a day later the sessions have lapsed). */
async function signIn() {
  const [g, a, b] = users;
  gsec = await t.login(g!.username);
  secA = await t.login(a!.username);
  secB = await t.login(b!.username);
}

/** Moves the clock to 12:00 in Beijing of `day` and signs in again. */
async function onDay(day: string) {
  clock.set(new Date(`${day}T04:00:00Z`));
  await signIn();
}
afterAll(() => t.close());

const launch = (extra: Record<string, unknown> = {}) =>
  gsec.post('/api/duty-reviews', { year: 2026, orgId: tree.general.id, level: 'branch', ...extra });
const reportTodo = async (c: Client) =>
  ((await c.get('/api/inbox')).json() as InboxResponse).items.filter((i) => i.kind === 'duty_review.report');
const reportFindings = async () =>
  (
    await t.db
      .selectFrom('finding')
      .select(['rule_id', 'org_id', 'state', 'due_date'])
      .where('rule_id', 'in', ['duty_review.report_due', 'duty_review.report_overdue'] as never[])
      .where('state', '<>', 'resolved')
      .orderBy('org_id')
      .execute()
  ).map((f) => ({ rule: f.rule_id as string, orgId: f.org_id, due: f.due_date }));
const notes = async (c: Client) =>
  (
    (await c.get('/api/notifications?pageSize=50')).json() as {
      items: { kind: string; body: string; link: string }[];
    }
  ).items;

describe('the 述职报告 deadline', () => {
  it('refuses a deadline outside the campaign or already past, naming the field', async () => {
    const outside = await launch({ reportDueOn: '2027-01-05' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('述职报告截止日期');
    expect(outside.json().details.fields[0].path).toBe('reportDueOn');
    const past = await launch({ reportDueOn: '2026-11-10' });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('不能早于今天');
    expect(await t.db.selectFrom('duty_review').select('id').execute()).toEqual([]);
  });

  it('defaults to 30 days from a late launch; the secretaries are told the date and see it in their 待办', async () => {
    const res = await launch();
    expect(res.statusCode, res.body).toBe(201);
    review = res.json() as DutyReviewDetail;
    // Launched on 11-20 in a campaign from 11-01: due on the 30th day from today.
    expect(review.reportDueOn).toBe('2026-12-19');
    const told = (await notes(secA)).filter((n) => n.kind === 'duty_review.report_requested');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('2026-12-19');
    expect(told[0]!.link).toBe(`/duty-reviews/${review.id}`);
    expect(await reportTodo(secA)).toEqual([
      expect.objectContaining({ dueDate: '2026-12-19', overdue: false }),
    ]);
    // A month ahead: no finding yet.
    expect(await reportFindings()).toEqual([]);
  });

  it('a week before: the report_due finding; three days before: the morning reminder to the secretary, once', async () => {
    await onDay('2026-12-12');
    await secA.get('/api/inbox');
    expect(await reportFindings()).toEqual([
      { rule: 'duty_review.report_due', orgId: tree.branchA.id, due: '2026-12-19' },
      { rule: 'duty_review.report_due', orgId: tree.branchB.id, due: '2026-12-19' },
    ]);
    expect(await remindDeadlines(t.db, clock)).toBe(0);
    await onDay('2026-12-16');
    await secA.get('/api/inbox');
    expect(await remindDeadlines(t.db, clock)).toBe(2);
    await remindDeadlines(t.db, clock);
    const reminded = (await notes(secA)).filter((n) => n.kind === 'deadline.soon');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.link).toBe(`/duty-reviews/${review.id}`);
    expect(reminded[0]!.body).toContain('甲支部书记');
    // Each secretary hears of their own report only; the organiser is not told.
    expect((await notes(secB)).filter((n) => n.kind === 'deadline.soon')).toHaveLength(1);
    expect((await notes(gsec)).filter((n) => n.kind === 'deadline.soon')).toHaveLength(0);
  });

  it('a submitted report clears the finding and the 待办', async () => {
    const subject = review.subjects.find((s) => s.person.id === p.sa)!;
    const res = await secA.put(`/api/duty-reviews/${review.id}/subjects/${subject.id}/report`, {
      report: fullReport,
      submit: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await reportTodo(secA)).toEqual([]);
    expect(await reportFindings()).toEqual([
      { rule: 'duty_review.report_due', orgId: tree.branchB.id, due: '2026-12-19' },
    ]);
  });

  it('after the deadline: report_overdue with its clause, the 待办 overdue', async () => {
    await onDay('2026-12-20');
    expect(await reportTodo(secB)).toEqual([
      expect.objectContaining({ dueDate: '2026-12-19', overdue: true }),
    ]);
    expect(await reportFindings()).toEqual([
      { rule: 'duty_review.report_overdue', orgId: tree.branchB.id, due: '2026-12-19' },
    ]);
    const alerts = (await secB.get('/api/alerts?pageSize=50')).json() as {
      items: { ruleId: string; severity: string; message: string; clause: { article: string } }[];
    };
    const f = alerts.items.find((a) => a.ruleId === 'duty_review.report_overdue');
    expect(f, JSON.stringify(alerts).slice(0, 300)).toBeDefined();
    expect(f!.severity).toBe('error');
    expect(f!.clause.article).toBe('第二条');
    expect(f!.message).toContain('乙支部书记尚未提交');
  });
});
