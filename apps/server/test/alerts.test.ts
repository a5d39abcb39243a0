import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Finding = {
  ruleId: string;
  orgId: number;
  severity: string;
  clause: { source: string; article: string };
};

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  // Today is 2026-06-15 in Shanghai.
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  const committeeTeam = await t.factory.people(tree.other.id, 5);
  await t.factory.term({
    orgId: tree.committee.id,
    start: '2023-01-01',
    end: '2027-12-31',
    teamKind: 'committee',
    team: committeeTeam.map((personId, i) => ({
      personId,
      post: i === 0 ? 'secretary' : 'committee_member',
    })),
  });
  const gbTeam = await t.factory.people(tree.branchB.id, 1);
  await t.factory.term({
    orgId: tree.general.id,
    start: '2025-01-01',
    end: '2027-12-31',
    team: [{ personId: gbTeam[0]!, post: 'secretary' }],
  });
  // branchA: 8 full members, secretary only (committee required), term overdue, secretary not a dual leader.
  const a = await t.factory.people(tree.branchA.id, 8);
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2023-03-01',
    end: '2026-02-28',
    team: [{ personId: a[0]!, post: 'secretary' }],
  });
  // branchB: 2 full members: too few.
  const b = [gbTeam[0]!, ...(await t.factory.people(tree.branchB.id, 0))];
  await t.factory.term({
    orgId: tree.branchB.id,
    start: '2024-09-01',
    end: '2027-08-31',
    team: [{ personId: b[0]!, post: 'secretary' }],
  });
  await t.factory.person({ orgId: tree.branchB.id });
});
afterAll(() => t.close());

// Organisational-life findings (life.*, every org here has no records) are tested in compliance.test.ts.
const orgRulesOnly = (items: Finding[]) => items.filter((f) => !f.ruleId.startsWith('life.'));
const rulesOf = (items: Finding[], orgId: number) =>
  orgRulesOnly(items)
    .filter((f) => f.orgId === orgId)
    .map((f) => f.ruleId)
    .sort();

describe('GET /api/alerts', () => {
  it('lists findings with their clause and counts', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.get('/api/alerts');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Finding[]; counts: { total: number }; today: string };
    expect(body.today).toBe('2026-06-15');
    expect(rulesOf(body.items, tree.branchA.id)).toEqual([
      'branch.committee_required',
      'secretary.dual_leader',
      'term.overdue',
    ]);
    expect(rulesOf(body.items, tree.branchB.id)).toEqual(['branch.min_full_members']);
    const overdue = body.items.find((f) => f.ruleId === 'term.overdue')!;
    expect(overdue.severity).toBe('error');
    expect(overdue.clause.source).toContain('选举工作条例');
    expect(body.counts.total).toBe(body.items.length);
  });

  it('flags a 支部委员会 in force in a branch that has fewer than 7 正式党员 (党小组 counted, 预备党员 not)', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const b = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '缩编党支部' });
    const group = await t.factory.org({ parentId: b.id, type: 'group', name: '缩编党支部第一党小组' });
    const team = await t.factory.people(b.id, 3);
    await t.factory.people(group.id, 3);
    await t.factory.people(group.id, 3, 'probationary');
    await t.factory.term({
      orgId: b.id,
      start: '2025-01-01',
      end: '2027-12-31',
      teamKind: 'committee',
      team: team.map((personId, i) => ({ personId, post: i === 0 ? 'secretary' : 'committee_member' })),
    });
    const alertsOf = async () =>
      ((await admin.get(`/api/alerts?orgId=${b.id}`)).json() as { items: Finding[] }).items.filter(
        (f) => f.ruleId === 'branch.committee_not_allowed',
      );
    const [f] = await alertsOf();
    // A committee elected while the branch was larger stands until the next election: a warning.
    expect(f).toMatchObject({ orgId: b.id, severity: 'warning', clause: { article: '第十八条' } });
    expect(f?.clause.source).toContain('支部工作条例');
    await t.factory.people(group.id, 1);
    expect(await alertsOf()).toEqual([]);
  });

  it('filters by subtree, rule and severity; a branch secretary sees only their branch', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const byRule = (await admin.get('/api/alerts?ruleId=term.overdue')).json() as { items: Finding[] };
    expect(byRule.items.every((f) => f.ruleId === 'term.overdue')).toBe(true);
    const bySubtree = (await admin.get(`/api/alerts?orgId=${tree.branchB.id}`)).json() as {
      items: Finding[];
    };
    expect(bySubtree.items.every((f) => f.orgId === tree.branchB.id)).toBe(true);
    const bad = await admin.get('/api/alerts?severity=fatal');
    expect(bad.statusCode).toBe(400);

    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
    const mine = (await sec.get('/api/alerts')).json() as { items: Finding[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((f) => f.orgId === tree.branchB.id)).toBe(true);
    expect((await sec.get(`/api/alerts?orgId=${tree.branchA.id}`)).statusCode).toBe(404);
  });

  it('a finding disappears when the record that fixes it is entered', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const people = await t.db
      .selectFrom('person')
      .select('id')
      .where('org_id', '=', tree.branchA.id)
      .orderBy('id')
      .execute();
    const [s, o, p] = people.map((r) => r.id);
    await t.db.updateTable('person').set({ is_dual_leader: true }).where('id', '=', s!).execute();
    const res = await admin.post(`/api/orgs/${tree.branchA.id}/terms`, {
      number: 2,
      teamKind: 'committee',
      startDate: '2026-06-10',
      plannedEndDate: '2029-06-09',
      team: [
        { personId: s, post: 'secretary' },
        { personId: o, post: 'organization_officer' },
        { personId: p, post: 'publicity_officer' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const after = (await admin.get(`/api/alerts?orgId=${tree.branchA.id}`)).json() as { items: Finding[] };
    expect(orgRulesOnly(after.items)).toEqual([]);
  });

  it('rule settings change the thresholds; national limits cannot be loosened', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const current = (await admin.get('/api/settings/rules')).json();
    const loosened = await admin.put('/api/settings/rules', { ...current, branchMaxMembers: 60 });
    expect(loosened.statusCode).toBe(400);
    expect(loosened.json().message).toContain('党支部人数上限');
    const tightened = await admin.put('/api/settings/rules', { ...current, committeeRequiredAt: 5 });
    expect(tightened.statusCode).toBe(200);
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    expect((await leader.put('/api/settings/rules', current)).statusCode).toBe(403);
    await admin.put('/api/settings/rules', current);
  });
});

describe('GET /api/dashboard', () => {
  it('counts orgs, members and alerts within scope', async () => {
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    const d = (await leader.get('/api/dashboard')).json();
    expect(d.orgCounts.branch).toBeGreaterThanOrEqual(3);
    expect(d.memberCounts.total).toBe(d.memberCounts.full + d.memberCounts.probationary);
    expect(d.alertCounts.total).toBeGreaterThan(0);
    const auditor = await t.as([{ role: 'auditor', orgId: null }]);
    const empty = (await auditor.get('/api/dashboard')).json();
    expect(empty.alertCounts.total).toBe(0);
    expect(empty.orgCounts).toEqual({});
  });
});
