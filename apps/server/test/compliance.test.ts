import type { ComplianceMatrixResponse, ComplianceReminders } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

// Today is 2026-06-15 (Asia/Shanghai) unless a test moves the clock.
let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let secA: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let group: { id: number };
let people: { sec: number; a1: number; three: number; six: number; leave: number; steady: number };
const clock = testClock();

type Finding = { ruleId: string; orgId: number; period?: string; personId?: number; severity: string };
async function findings(client: Client, ruleId: string): Promise<Finding[]> {
  const res = await client.get(`/api/alerts?ruleId=${ruleId}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}
const monthsOf = (list: Finding[], orgId: number) =>
  list.filter((f) => f.orgId === orgId).map((f) => f.period);

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' });
  const b = tree.branchB.id;
  people = {
    sec: await t.factory.person({ orgId: tree.branchA.id, name: '支部书记甲' }),
    a1: await t.factory.person({ orgId: tree.branchA.id, name: '委员乙' }),
    three: await t.factory.person({ orgId: b, name: '缺三月' }),
    six: await t.factory.person({ orgId: b, name: '缺六月' }),
    leave: await t.factory.person({ orgId: b, name: '有请假' }),
    steady: await t.factory.person({ orgId: b, name: '全勤' }),
  };
  // Branch A is led by a committee, so it owes a 支委会 every month.
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2024-01-01',
    end: '2029-01-01',
    teamKind: 'committee',
    team: [
      { personId: people.sec, post: 'secretary' },
      { personId: people.a1, post: 'committee_member' },
    ],
  });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: people.sec });
  const a = tree.branchA.id;
  // Q1: a 党员大会 and a 党课 in February; March complete (支委会 + 主题党日); May has only a 支委会.
  await insertActivity(t.db, { orgId: a, kind: 'general_meeting', onDate: '2026-02-26' });
  await insertActivity(t.db, { orgId: a, kind: 'lecture', onDate: '2026-02-12' });
  await insertActivity(t.db, { orgId: a, kind: 'committee_meeting', onDate: '2026-03-05' });
  await insertActivity(t.db, { orgId: a, kind: 'theme_day', onDate: '2026-03-31' });
  await insertActivity(t.db, { orgId: a, kind: 'committee_meeting', onDate: '2026-05-31' });
  // An open record in April does not count.
  await insertActivity(t.db, { orgId: a, kind: 'committee_meeting', onDate: '2026-04-16', status: 'held' });
  // Branch B: a 主题党日 each month Dec–May; absences without leave for 3 and for 6 months in a row.
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  for (const [i, m] of months.entries()) {
    await insertActivity(t.db, {
      orgId: b,
      kind: 'theme_day',
      onDate: `${m}-20`,
      attendees: [
        { personId: people.steady, status: 'present' },
        { personId: people.six, status: 'absent' },
        { personId: people.three, status: i < 3 ? 'present' : 'absent' },
        // Absent in January, February, April and May but on leave in March: the run is two months.
        { personId: people.leave, status: i === 0 ? 'present' : i === 3 ? 'leave' : 'absent' },
      ],
    });
  }
  // A vote without a quorum: 3 of 8 entitled present.
  await insertActivity(t.db, {
    orgId: b,
    kind: 'general_meeting',
    onDate: '2026-05-14',
    title: '讨论发展对象',
    resolutions: [
      {
        title: '确定发展对象',
        vote: {
          entitled: 8,
          presentEntitled: 3,
          votesFor: 3,
          votesAgainst: 0,
          abstentions: 0,
          outcome: 'failed',
        },
      },
    ],
  });
  // A vote with exactly half present is not a quorum either; more than half is.
  await insertActivity(t.db, {
    orgId: tree.other.id,
    kind: 'general_meeting',
    onDate: '2026-04-14',
    resolutions: [
      {
        title: '半数到会',
        vote: {
          entitled: 8,
          presentEntitled: 4,
          votesFor: 4,
          votesAgainst: 0,
          abstentions: 0,
          outcome: 'failed',
        },
      },
    ],
  });
  await insertActivity(t.db, {
    orgId: tree.other.id,
    kind: 'general_meeting',
    onDate: '2026-03-14',
    resolutions: [
      {
        title: '过半到会',
        vote: {
          entitled: 8,
          presentEntitled: 5,
          votesFor: 5,
          votesAgainst: 0,
          abstentions: 0,
          outcome: 'passed',
        },
      },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

describe('organisational-life findings in GET /api/alerts', () => {
  it('has no missing-支委会 finding for a month with a closed 支委会, and one for a month without', async () => {
    const list = await findings(admin, 'life.committee_meeting_missing');
    const months = monthsOf(list, tree.branchA.id);
    expect(months).not.toContain('2026-03');
    expect(months).not.toContain('2026-05');
    // April's record is still open, so April is missing; so are January and February.
    expect(months).toEqual(expect.arrayContaining(['2026-01', '2026-02', '2026-04']));
    // Branch B has no committee term: it owes no 支委会.
    expect(monthsOf(list, tree.branchB.id)).toEqual([]);
    const f = list.find((x) => x.orgId === tree.branchA.id && x.period === '2026-04') as Finding & {
      clause: { article: string };
    };
    expect(f).toMatchObject({ severity: 'warning', clause: { article: '第十二条' } });
  });

  it('drops the finding as soon as a record of that month is closed through the activities API', async () => {
    const created = await secA.post('/api/activities', {
      orgId: tree.branchA.id,
      kind: 'committee_meeting',
      title: '四月补开支委会',
      startsAt: '2026-04-28T15:00:00+08:00',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const started = await secA.post(`/api/activities/${id}/start`, { version: created.json().version });
    expect(started.statusCode).toBe(200);
    // Still open: the finding stays.
    expect(monthsOf(await findings(secA, 'life.committee_meeting_missing'), tree.branchA.id)).toContain(
      '2026-04',
    );
    // The 委员 attend (a 支委会 counts only with more than half of them present).
    for (const x of started.json().attendees as { personId: number }[]) {
      const r = await secA.post(`/api/activities/${id}/attendance`, {
        personId: x.personId,
        status: 'present',
        reason: '现场签到',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const current = (await secA.get(`/api/activities/${id}`)).json() as { version: number };
    const patched = await secA.patch(`/api/activities/${id}`, {
      minutes: '研究四月支部工作。',
      version: current.version,
    });
    expect(patched.statusCode).toBe(200);
    const closed = await secA.post(`/api/activities/${id}/close`, { version: patched.json().version });
    expect(closed.statusCode).toBe(200);
    const after = monthsOf(await findings(secA, 'life.committee_meeting_missing'), tree.branchA.id);
    expect(after).not.toContain('2026-04');
    expect(after).toContain('2026-02');
  });

  it('finds a vote without a quorum (exactly half present is not enough)', async () => {
    const list = await findings(admin, 'life.quorum_not_reached');
    expect(list.map((f) => [f.orgId, f.period])).toEqual(
      expect.arrayContaining([
        [tree.branchB.id, '2026-05'],
        [tree.other.id, '2026-04'],
      ]),
    );
    expect(list.filter((f) => f.orgId === tree.other.id).map((f) => f.period)).toEqual(['2026-04']);
    expect(list.every((f) => f.severity === 'error')).toBe(true);
  });

  it('warns at 3 months of absence without leave and finds 党章 art. 9 at 6; leave breaks the run', async () => {
    const warning = await findings(admin, 'life.absence_warning');
    const lapsed = await findings(admin, 'life.absence_lapsed');
    expect(warning.map((f) => f.personId)).toEqual([people.three]);
    expect(warning[0]).toMatchObject({ orgId: tree.branchB.id, period: '2026-05' });
    expect(lapsed.map((f) => f.personId)).toEqual([people.six]);
    expect((lapsed[0] as Finding & { clause: { article: string } }).clause.article).toBe('第九条');
    expect([...warning, ...lapsed].some((f) => f.personId === people.leave)).toBe(false);
  });

  it('shows a branch secretary only the findings of their own branch', async () => {
    const all = (await secA.get('/api/alerts?pageSize=200')).json().items as Finding[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((f) => f.orgId === tree.branchA.id || f.orgId === group.id)).toBe(true);
    expect((await secA.get(`/api/alerts?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/compliance', () => {
  const get = async (client: Client, q: string) => {
    const res = await client.get(`/api/compliance?${q}`);
    expect(res.statusCode).toBe(200);
    return res.json() as ComplianceMatrixResponse;
  };

  it('colours each month: complete, partial, missing, open (the month under way) and none before founding', async () => {
    const m = await get(admin, 'unit=month&from=2026-01-01&to=2026-07-31');
    expect(m.columns.map((c) => c.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
    ]);
    expect(m.columns[1]).toMatchObject({ start: '2026-02-01', end: '2026-02-28', label: '2026年2月' });
    const rowA = m.rows.find((r) => r.orgId === tree.branchA.id)!;
    const cell = (key: string) => rowA.cells.find((c) => c.periodKey === key)!;
    expect(cell('2026-03')).toMatchObject({
      state: 'ok',
      held: { committee_meeting: 1, theme_day: 1 },
      missing: [],
    });
    expect(cell('2026-03').required).toEqual(
      expect.arrayContaining(['committee_meeting', 'theme_day', 'general_meeting', 'lecture']),
    );
    expect(cell('2026-05')).toMatchObject({
      state: 'partial',
      held: { committee_meeting: 1 },
      missing: ['theme_day'],
    });
    expect(cell('2026-01')).toMatchObject({ state: 'missing', held: {} });
    expect(cell('2026-01').missing.sort()).toEqual(['committee_meeting', 'theme_day']);
    expect(cell('2026-06').state).toBe('open');
    expect(cell('2026-07').state).toBe('none');
    // The 党小组 owes its own monthly 党小组会; the 党总支 is the group both branches sit under.
    const groupRow = m.rows.find((r) => r.orgId === group.id)!;
    expect(groupRow.cells[0]).toMatchObject({ required: ['group_meeting'], missing: ['group_meeting'] });
    expect(rowA).toMatchObject({ superiorId: tree.general.id, superiorName: '信息学院党总支' });
    expect(m.rows.find((r) => r.orgId === tree.other.id)?.superiorId).toBe(tree.committee.id);
  });

  it('groups months into quarters', async () => {
    const m = await get(admin, 'unit=quarter&from=2026-01-01&to=2026-06-30');
    expect(m.columns.map((c) => c.key)).toEqual(['2026-Q1', '2026-Q2']);
    const q1 = m.rows.find((r) => r.orgId === tree.branchA.id)!.cells[0]!;
    expect(q1.held).toMatchObject({ general_meeting: 1, lecture: 1, committee_meeting: 1, theme_day: 1 });
    expect(q1.state).toBe('partial');
  });

  it('shows a branch secretary their branch and its 党小组 only; 404 outside; 401/403', async () => {
    const m = await get(secA, 'unit=month');
    expect(m.rows.map((r) => r.orgId).sort()).toEqual([tree.branchA.id, group.id].sort());
    expect(m.columns).toHaveLength(12);
    expect(m.columns.at(-1)?.key).toBe('2026-06');
    expect((await secA.get(`/api/compliance?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
    const sub = await get(admin, `orgId=${tree.general.id}`);
    // The 党总支 is a row too: it owes the 第一议题 each month (school rule, on by default).
    expect(sub.rows.map((r) => r.orgId).sort()).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id, group.id].sort(),
    );
    expect((await t.anonymous.get('/api/compliance')).statusCode).toBe(401);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect((await plain.get('/api/compliance')).statusCode).toBe(403);
    expect((await plain.get('/api/compliance/rates')).statusCode).toBe(403);
    expect((await plain.get('/api/compliance/reminders')).statusCode).toBe(403);
    const bad = await admin.get('/api/compliance?from=2026-06-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('from');
  });

  it('rates per 党总支 add up the rows of the matrix for the year so far', async () => {
    const rates = (await admin.get('/api/compliance/rates?year=2026')).json();
    const m = await get(admin, 'unit=month&from=2026-01-01&to=2026-06-15');
    // A 党总支's rate takes its branches and 党小组 and its own 第一议题 row.
    const under = m.rows.filter((r) => r.superiorId === tree.general.id || r.orgId === tree.general.id);
    const general = rates.items.find((r: { superiorId: number }) => r.superiorId === tree.general.id);
    expect(general).toMatchObject({
      superiorName: '信息学院党总支',
      orgCount: 4,
      required: under.reduce((s, r) => s + r.required, 0),
      met: under.reduce((s, r) => s + r.met, 0),
    });
    expect(general.met).toBeGreaterThan(0);
    expect(general.rate).toBeCloseTo(general.met / general.required);
    const direct = rates.items.find((r: { superiorId: number }) => r.superiorId === tree.committee.id);
    // The 党委's own 第一议题 row (none held) and its 直属支部 (党员大会 held in Q1 and Q2).
    expect(direct).toMatchObject({ superiorName: '党委本级及直属党支部', orgCount: 2, met: 2 });
    const own = (await secA.get('/api/compliance/rates?year=2026')).json();
    expect(own.items.map((r: { orgCount: number }) => r.orgCount)).toEqual([2]);
  });
});

describe('GET /api/compliance/reminders', () => {
  it('lists what is still due in the next 14 days and the records planned, within scope', async () => {
    await insertActivity(t.db, {
      orgId: tree.branchA.id,
      kind: 'theme_day',
      onDate: '2026-06-25',
      status: 'planned',
      title: '六月主题党日',
    });
    await insertActivity(t.db, {
      orgId: tree.branchB.id,
      kind: 'theme_day',
      onDate: '2026-06-26',
      status: 'published',
      title: '乙支部主题党日',
    });
    await insertActivity(t.db, {
      orgId: tree.branchA.id,
      kind: 'lecture',
      onDate: '2026-07-20',
      status: 'planned',
    });
    // On 15 June the month ends in 15 days: nothing is due within 14 days yet.
    let r = (await secA.get('/api/compliance/reminders')).json() as ComplianceReminders;
    expect(r.deadlines).toEqual([]);
    expect(r.planned.map((p) => p.title)).toEqual(['六月主题党日']);
    clock.set(new Date('2026-06-20T02:00:00Z'));
    try {
      // Five days later the sessions have timed out: sign in again.
      const sec = await t.login(secA.me!.user.username);
      r = (await sec.get('/api/compliance/reminders')).json() as ComplianceReminders;
      expect(r.today).toBe('2026-06-20');
      const a = r.deadlines.filter((d) => d.orgId === tree.branchA.id).map((d) => d.item);
      expect(a.sort()).toEqual(['committee_meeting', 'general_meeting', 'lecture', 'theme_day']);
      expect(r.deadlines.find((d) => d.orgId === group.id)).toMatchObject({
        item: 'group_meeting',
        dueDate: '2026-06-30',
        daysLeft: 10,
      });
      expect(r.deadlines.every((d) => d.orgId === tree.branchA.id || d.orgId === group.id)).toBe(true);
      const all = (await (await t.login(admin.me!.user.username)).get('/api/compliance/reminders')).json();
      expect((all as ComplianceReminders).planned.map((p) => p.title)).toEqual([
        '六月主题党日',
        '乙支部主题党日',
      ]);
    } finally {
      clock.set(new Date('2026-06-15T04:00:00Z'));
    }
  });
});

describe('GET /api/dashboard', () => {
  it('carries the rates per 党总支 and the number of reminders of the scope', async () => {
    await insertActivity(t.db, {
      orgId: group.id,
      kind: 'group_meeting',
      onDate: '2026-06-18',
      status: 'planned',
    });
    // The reminders test signed in again on 20 June: take a fresh session back on the 15th.
    const sec = await t.login(secA.me!.user.username);
    const d = (await sec.get('/api/dashboard')).json();
    const rates = (await sec.get('/api/compliance/rates')).json();
    const reminders = (await sec.get('/api/compliance/reminders')).json() as ComplianceReminders;
    expect(d.complianceRates).toEqual(rates.items);
    expect(d.complianceRates[0]).toMatchObject({ superiorId: tree.general.id, orgCount: 2 });
    expect(d.remindersCount).toBe(reminders.deadlines.length + reminders.planned.length);
    expect(d.remindersCount).toBeGreaterThan(0);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect((await plain.get('/api/dashboard')).json()).toMatchObject({
      complianceRates: [],
      remindersCount: 0,
    });
  });
});
