import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

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

// Organisational-life findings (life.*, every org here has no records) are tested in compliance.test.ts, the
// training ones (training.*: branch B's secretary, in office since 2024-09, has no training) in trainings.test.ts.
const orgRulesOnly = (items: Finding[]) =>
  items.filter((f) => !f.ruleId.startsWith('life.') && !f.ruleId.startsWith('training.'));
const rulesOf = (items: Finding[], orgId: number) =>
  orgRulesOnly(items)
    .filter((f) => f.orgId === orgId)
    .map((f) => f.ruleId)
    .sort();

describe('GET /api/alerts', () => {
  it('lists findings with their clause and counts', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.get('/api/alerts?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Finding[]; total: number; today: string };
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
    expect(body.total).toBe(body.items.length);
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
      (
        (await admin.get(`/api/alerts?pageSize=200&orgId=${b.id}`)).json() as { items: Finding[] }
      ).items.filter((f) => f.ruleId === 'branch.committee_not_allowed');
    const [f] = await alertsOf();
    // A committee elected while the branch was larger stands until the next election: a warning.
    expect(f).toMatchObject({ orgId: b.id, severity: 'warning', clause: { article: '第十八条' } });
    expect(f?.clause.source).toContain('支部工作条例');
    await t.factory.people(group.id, 1);
    expect(await alertsOf()).toEqual([]);
  });

  it('filters by subtree, rule and severity; a branch secretary sees only their branch', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const byRule = (await admin.get('/api/alerts?pageSize=200&ruleId=term.overdue')).json() as {
      items: Finding[];
    };
    expect(byRule.items.every((f) => f.ruleId === 'term.overdue')).toBe(true);
    const bySubtree = (await admin.get(`/api/alerts?pageSize=200&orgId=${tree.branchB.id}`)).json() as {
      items: Finding[];
    };
    expect(bySubtree.items.every((f) => f.orgId === tree.branchB.id)).toBe(true);
    const bad = await admin.get('/api/alerts?severity=fatal');
    expect(bad.statusCode).toBe(400);

    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
    const mine = (await sec.get('/api/alerts?pageSize=200')).json() as { items: Finding[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((f) => f.orgId === tree.branchB.id)).toBe(true);
    expect((await sec.get(`/api/alerts?pageSize=200&orgId=${tree.branchA.id}`)).statusCode).toBe(404);
  });

  it('orgOnly keeps to the org itself, not the orgs below it (党委本级 on the overview)', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const page = async (query: string) =>
      (await admin.get(`/api/alerts?pageSize=200&${query}`)).json() as { items: Finding[]; total: number };
    for (const org of [tree.committee, tree.general]) {
      const subtree = await page(`orgId=${org.id}`);
      expect(subtree.total).toBe(subtree.items.length);
      const own = await page(`orgId=${org.id}&orgOnly=true`);
      expect(own.total).toBeGreaterThan(0);
      expect(own.items.every((f) => f.orgId === org.id)).toBe(true);
      expect(own.total).toBe(subtree.items.filter((f) => f.orgId === org.id).length);
      expect(own.total).toBeLessThan(subtree.total);
    }
    // Without an org it changes nothing.
    expect((await page('orgOnly=true')).total).toBe((await page('')).total);
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
    const after = (await admin.get(`/api/alerts?pageSize=200&orgId=${tree.branchA.id}`)).json() as {
      items: Finding[];
    };
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

type AlertPage = {
  items: (Finding & { orgName: string; title: string; message: string; period?: string })[];
  total: number;
  page: number;
  pageSize: number;
  counts: {
    bySeverity: { error: number; warning: number; info: number };
    byRule: { ruleId: string; title: string; severity: string; count: number }[];
  };
};

describe('GET /api/alerts: paging, filters, counts and the export', () => {
  // A subtree of its own (so the earlier tests' changes do not touch it), on 2026-06-15 with no records:
  //   党总支: term.missing; life.first_topic_missing for 12 months (2025-06 … 2026-05) — 1 error, 12 warnings
  //   甲 (2 正式党员, no term): branch.min_full_members, term.missing, life.review_meeting_missing,
  //     life.member_appraisal_missing (2025), life.talk_missing × 2 — 6 errors; general meeting × 4 and
  //     党课 × 4 (2025-Q2 … 2026-Q1), 主题党日 × 12 — 20 warnings
  //   乙 (8 正式党员, secretary only, term ended 2026-02-28): branch.committee_required, term.overdue,
  //     review, appraisal, talk × 8 — 12 errors; the same 20 warnings as 甲
  // In all: 19 errors, 52 warnings, 71 findings.
  let g: { id: number };
  let jia: { id: number };
  let yi: { id: number };
  const get = async (query: string) => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.get(`/api/alerts?orgId=${g.id}&${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as AlertPage;
  };
  const ruleCounts = (p: AlertPage) => Object.fromEntries(p.counts.byRule.map((r) => [r.ruleId, r.count]));

  beforeAll(async () => {
    g = await t.factory.org({ parentId: tree.committee.id, type: 'general_branch', name: '预警测试党总支' });
    jia = await t.factory.org({ parentId: g.id, type: 'branch', name: '甲党支部', category: 'staff' });
    yi = await t.factory.org({ parentId: g.id, type: 'branch', name: '乙党支部', category: 'student' });
    await t.factory.people(jia.id, 2);
    const py = await t.factory.people(yi.id, 8);
    await t.factory.term({
      orgId: yi.id,
      start: '2023-03-01',
      end: '2026-02-28',
      team: [{ personId: py[0]!, post: 'secretary' }],
    });
  });

  it('counts by severity and by rule over the filtered set, before paging', async () => {
    const p = await get('');
    expect(p).toMatchObject({ total: 71, page: 1, pageSize: 20 });
    expect(p.items).toHaveLength(20);
    expect(p.counts.bySeverity).toEqual({ error: 19, warning: 52, info: 0 });
    expect(ruleCounts(p)).toEqual({
      'term.missing': 2,
      'branch.min_full_members': 1,
      'branch.committee_required': 1,
      'term.overdue': 1,
      'life.review_meeting_missing': 2,
      'life.member_appraisal_missing': 2,
      'life.talk_missing': 10,
      'life.first_topic_missing': 12,
      'life.general_meeting_missing': 8,
      'life.lecture_missing': 8,
      'life.theme_day_missing': 24,
    });
    expect(p.counts.byRule[0]).toMatchObject({
      ruleId: 'life.theme_day_missing',
      title: '未按月开展主题党日',
      severity: 'warning',
    });
  });

  it('pages in the list order: most severe first, page 2 has the next items, the last page the rest', async () => {
    const all = await get('pageSize=200');
    expect(all.items).toHaveLength(71);
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const ranks = all.items.map((f) => rank[f.severity as keyof typeof rank]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const page2 = await get('page=2&pageSize=20');
    expect(page2).toMatchObject({ total: 71, page: 2, pageSize: 20 });
    expect(page2.items).toEqual(all.items.slice(20, 40));
    const last = await get('page=4&pageSize=20');
    expect(last.items).toEqual(all.items.slice(60));
    expect((await get('page=5&pageSize=20')).items).toEqual([]);
  });

  it('filters by severity, rule, kind, period and text; each facet counts without its own filter', async () => {
    const errors = await get('severity=error&pageSize=200');
    expect(errors.total).toBe(19);
    expect(errors.items.every((f) => f.severity === 'error')).toBe(true);
    // The severity chips still say what each severity would list; the rule counts are of errors only.
    expect(errors.counts.bySeverity).toEqual({ error: 19, warning: 52, info: 0 });
    expect(ruleCounts(errors)['life.theme_day_missing']).toBeUndefined();
    expect(ruleCounts(errors)['life.talk_missing']).toBe(10);

    const talks = await get('ruleId=life.talk_missing');
    expect(talks.total).toBe(10);
    expect(talks.counts.bySeverity).toEqual({ error: 10, warning: 0, info: 0 });
    expect(talks.counts.byRule).toHaveLength(11);

    const common = await get('kind=common&pageSize=200');
    expect(common.total).toBe(8);
    expect(common.items.every((f) => f.ruleId === 'life.lecture_missing')).toBe(true);

    const quarter = await get('period=2026-Q1');
    expect(quarter.total).toBe(4);
    expect(ruleCounts(quarter)).toEqual({ 'life.general_meeting_missing': 2, 'life.lecture_missing': 2 });
    expect((await get('period=2025')).total).toBe(14);

    // Text in the message…
    expect((await get('q=主题党日')).total).toBe(24);
    // …or in the org's name: everything about 甲党支部.
    const jiaOnly = await get('q=甲党支部&pageSize=200');
    expect(jiaOnly.total).toBe(26);
    expect(jiaOnly.items.every((f) => f.orgId === jia.id)).toBe(true);
    expect(jiaOnly.counts.bySeverity).toEqual({ error: 6, warning: 20, info: 0 });

    const both = await get('severity=warning&q=甲党支部&period=2026-03');
    expect(both.total).toBe(1);
    expect(both.items[0]).toMatchObject({
      orgId: jia.id,
      ruleId: 'life.theme_day_missing',
      period: '2026-03',
    });
  });

  it('a branch secretary counts only their branch', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: yi.id }]);
    const res = await sec.get('/api/alerts');
    expect(res.statusCode).toBe(200);
    const p = res.json() as AlertPage;
    expect(p.total).toBe(32);
    expect(p.counts.bySeverity).toEqual({ error: 12, warning: 20, info: 0 });
    expect(ruleCounts(p)).toEqual({
      'branch.committee_required': 1,
      'term.overdue': 1,
      'life.review_meeting_missing': 1,
      'life.member_appraisal_missing': 1,
      'life.talk_missing': 8,
      'life.general_meeting_missing': 4,
      'life.lecture_missing': 4,
      'life.theme_day_missing': 12,
    });
    expect(p.items.every((f) => f.orgId === yi.id)).toBe(true);
    expect((await sec.get(`/api/alerts?orgId=${g.id}`)).statusCode).toBe(404);
    expect((await sec.get(`/api/alerts/export.xlsx?orgId=${jia.id}`)).statusCode).toBe(404);
  });

  it('refuses a bad page, page size or period with a Chinese message', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    for (const [query, field] of [
      ['page=0', '页码'],
      ['page=abc', '页码'],
      ['pageSize=0', '每页条数'],
      ['pageSize=201', '每页条数'],
      ['period=2026-13-x', '期间'],
    ] as const) {
      const res = await admin.get(`/api/alerts?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message, query).toContain(field);
    }
    // The export takes the filters but not the page.
    expect((await admin.get('/api/alerts/export.xlsx?page=2')).statusCode).toBe(400);
  });

  it('exports the filtered list as xlsx: header, one row per finding, no paging', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.get(`/api/alerts/export.xlsx?orgId=${g.id}&severity=error`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('监测预警-预警测试党总支'));
    const { sheet: ws } = await expectPrintReady(res.rawPayload, 'alerts', '监测预警');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:3' });
    expect(ws.getRow(1).getCell(1).value).toBe('监测预警 — 预警测试党总支');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(3)).toEqual([
      '严重程度',
      '规则',
      '党组织',
      '说明',
      '建议',
      '依据（条款）',
      '期间',
      '到期日',
      '状态',
      '首次发现',
      '解决日期',
      '确认说明',
      '责任人',
    ]);
    expect(ws.rowCount).toBe(3 + 19);
    const rows = Array.from({ length: 19 }, (_, i) => values(4 + i));
    expect(rows.every((r) => r[0] === '违规')).toBe(true);
    const overdue = rows.find((r) => r[1] === '届期已满未换届')!;
    expect(overdue[2]).toBe('乙党支部');
    expect(String(overdue[5])).toContain('选举工作条例');
    const talk = rows.find((r) => r[1] === '党员本年度未开展谈心谈话')!;
    expect(talk[6]).toBe('2025');
    expect(talk[8]).toBe('待处理');
    expect(talk[9]).toBe(t.clock.today());

    // The same filters as the list: text and period narrow it too.
    const narrow = await admin.get(`/api/alerts/export.xlsx?orgId=${g.id}&q=甲党支部&period=2026-Q1`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(narrow.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('监测预警')!.rowCount).toBe(3 + 2);
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
