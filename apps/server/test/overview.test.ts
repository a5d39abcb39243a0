/**
 * GET /api/overview (党建工作概览): each figure against counts made by hand from the fixture, each link against the
 * list it opens (the list's total is the figure), last year's figures from the dates the records keep, and the
 * scope: a subtree counts only what lies in it; without dashboard:overview:view the route answers 403.
 */
import type { Overview, OverviewLink } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/http/context.ts';
import { bumpGeneration } from '../src/http/generation.ts';
import { membersOn, orgsOn } from '../src/modules/overview/repo.ts';
import { getOverview } from '../src/modules/overview/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { fullWalk, insertDossier, toAdmissionMeeting, walk } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['login']>>;

const today = '2026-06-15';
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let leader: Client;
let overview: Overview;

/** A person on (or once on) the roster, with the dates the overview reads. */
async function member(input: {
  orgId: number;
  joined: string;
  confirmed?: string | null;
  party?: 'full' | 'probationary';
  status?: 'active' | 'transferred_out' | 'deceased' | 'expelled';
  leftOn?: string | null;
}): Promise<number> {
  const row = await t.db
    .insertInto('person')
    .values({
      name: `成员${Math.random().toString(36).slice(2, 7)}`,
      category: 'staff',
      party_status: input.party ?? (input.confirmed ? 'full' : 'probationary'),
      org_id: input.orgId,
      joined_on: input.joined,
      confirmed_on: input.confirmed ?? null,
      status: input.status ?? 'active',
      left_on: input.leftOn ?? null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const figureOf = (o: Overview, key: string) => {
  const f = o.figures.find((x) => x.key === key);
  if (!f) throw new Error(`no figure ${key}`);
  return f;
};
const values = (o: Overview, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, [figureOf(o, k).value, figureOf(o, k).lastYear]]));

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date(`${today}T04:00:00Z`)) });
  tree = await t.factory.tree();
  const A = tree.branchA.id;
  const B = tree.branchB.id;
  const O = tree.other.id;

  // The roster. Last year's day is 2025-06-15.
  const [m1, m2] = [
    await member({ orgId: A, joined: '2015-07-01', confirmed: '2016-07-01' }),
    await member({ orgId: A, joined: '2015-07-01', confirmed: '2016-07-01' }),
  ];
  await member({ orgId: A, joined: '2015-07-01', confirmed: '2016-07-01' });
  await member({ orgId: A, joined: '2026-03-01' }); // 预备 now, not a member last year
  await member({ orgId: A, joined: '2024-09-01', confirmed: '2025-09-01' }); // 正式 now, 预备 last year
  await member({ orgId: B, joined: '2010-07-01', confirmed: '2011-07-01' });
  await member({ orgId: B, joined: '2010-07-01', confirmed: '2011-07-01' });
  // Transferred out of the school on 2026-01-10: on last year's roster, not on today's.
  await member({
    orgId: B,
    joined: '2012-07-01',
    confirmed: '2013-07-01',
    status: 'transferred_out',
    leftOn: '2026-01-10',
  });
  // Left before last year's day; and one off the roster with no leaving day (cannot be placed in time).
  await member({
    orgId: B,
    joined: '2000-07-01',
    confirmed: '2001-07-01',
    status: 'deceased',
    leftOn: '2025-03-01',
  });
  await member({ orgId: B, joined: '2000-07-01', confirmed: '2001-07-01', status: 'expelled' });
  // Came to the school on 2026-02-01 (转入本校), a member since 2010: not on our roster last year.
  const arrived = await member({ orgId: O, joined: '2010-07-01', confirmed: '2011-07-01' });
  await t.db
    .insertInto('person_event')
    .values({ person_id: arrived, kind: 'transferred_in', on_date: '2026-02-01', summary: '转入本校' })
    .execute();
  // Moved from branch B to the direct branch on 2026-01-20 (校内转接): in B last year.
  const mover = await member({ orgId: O, joined: '2012-07-01', confirmed: '2013-07-01' });
  await t.db
    .insertInto('transfer')
    .values({
      kind: 'internal',
      status: 'completed',
      person_id: mover,
      from_org_id: B,
      to_org_id: O,
      requested_side: 'from',
      requested_on: '2026-01-15',
      decided_on: '2026-01-20',
      updated_at: new Date(),
    })
    .execute();

  // 发展党员. X3 and X4 are on the roster as the service puts them (insertDossier).
  const mentors = [m1, m2];
  await insertDossier(t.db, { orgId: A, name: '申请今年', events: walk([['application', '2026-05-01']]) });
  await insertDossier(t.db, {
    orgId: B,
    name: '申请去年',
    events: walk([
      ['application', '2025-03-01'],
      ['application_talk', '2025-03-10'],
    ]),
  });
  // X3: admitted (approved) 2025-05-10, joined 2025-04-10; 转正 on 2026-04-10, approved 2026-05-10.
  await insertDossier(t.db, { orgId: O, name: '转正今年', events: walk(fullWalk, mentors) });
  // X4: 支部大会 2025-07-01, approved 2025-08-01 (after last year's day), 预备党员 in B since 2025-07-01.
  await insertDossier(t.db, {
    orgId: B,
    name: '接收去年下半年',
    events: walk(
      fullWalk
        .slice(0, 20)
        .map(([s, d]) => [
          s,
          s === 'admission_meeting'
            ? '2025-07-01'
            : s === 'superior_talk'
              ? '2025-07-10'
              : s === 'admission_approval'
                ? '2025-08-01'
                : s === 'admission_filing' || s === 'group_placement'
                  ? '2025-08-05'
                  : d,
        ]),
      mentors,
    ),
  });
  // X5: 支部大会 2026-04-20, approved 2026-05-20: 预备党员 in B since 2026-04-20.
  await insertDossier(t.db, {
    orgId: B,
    name: '接收今年',
    events: walk(
      [...toAdmissionMeeting, ['superior_talk', '2026-05-01'], ['admission_approval', '2026-05-20']],
      mentors,
    ),
  });

  // Orgs: one founded this year, one 撤销 this year, a 党小组 without a founding day.
  const fresh = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '新建党支部' });
  await t.db.updateTable('org').set({ founded_on: '2026-01-05' }).where('id', '=', fresh.id).execute();
  const closed = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '已撤销党支部' });
  await t.db
    .updateTable('org')
    .set({ founded_on: '2010-01-01', archived_at: new Date('2026-03-01T02:00:00Z'), archive_reason: '合并' })
    .where('id', '=', closed.id)
    .execute();
  await t.factory.org({ parentId: A, type: 'group', name: '软件教工党支部第一党小组' });
  for (const id of [tree.committee.id, tree.general.id, A, B, O])
    await t.db.updateTable('org').set({ founded_on: '2005-01-01' }).where('id', '=', id).execute();

  // Organisational life: archived records this year and last; a planned one does not count.
  await insertActivity(t.db, { orgId: A, kind: 'committee_meeting', onDate: '2026-03-10' });
  await insertActivity(t.db, { orgId: A, kind: 'lecture', onDate: '2026-05-20' });
  await insertActivity(t.db, { orgId: A, kind: 'lecture', onDate: '2026-06-01', status: 'planned' });
  await insertActivity(t.db, { orgId: B, kind: 'general_meeting', onDate: '2025-04-01' });
  await insertActivity(t.db, { orgId: O, kind: 'theme_day', onDate: '2025-06-15' });
  await insertActivity(t.db, { orgId: O, kind: 'theme_day', onDate: '2025-06-16' });
  // A rectification item of A past its deadline (moved back behind the API: a new deadline is never past).
  const admin = await t.as([{ role: 'org_admin', orgId: null }]);
  const item = await admin.post('/api/rectifications', {
    orgId: A,
    source: 'upper_check',
    problem: '支委会未按月召开',
    deadline: '2026-07-31',
  });
  expect(item.statusCode, item.body).toBe(201);
  await t.db
    .updateTable('rectification')
    .set({ deadline: '2026-06-01', original_deadline: '2026-06-01' })
    .where('id', '=', (item.json() as { id: number }).id)
    .execute();
  bumpGeneration(t.db);

  leader = await t.as([{ role: 'school_leader', orgId: null }]);
  const res = await leader.get('/api/overview');
  expect(res.statusCode, res.body).toBe(200);
  overview = res.json() as Overview;
});
afterAll(() => t.close());

describe('GET /api/overview', () => {
  it('takes this year to today, compared with the same day last year', () => {
    expect(overview).toMatchObject({ year: 2026, today, asOf: today, lastYearAsOf: '2025-06-15' });
  });

  it('counts the roster now and as it stood a year ago', () => {
    // Now: 正式 A 3 + 1, B 2, direct 3 (arrived, mover, X3); 预备 A 1, B 2 (X4, X5).
    // Last year: 正式 A 3, B 2 + the one who left + the mover; 预备 A 1 (confirmed 2025-09), X3 (confirmed 2026).
    expect(values(overview, ['members.total', 'members.full', 'members.probationary'])).toEqual({
      'members.total': [12, 9],
      'members.full': [9, 7],
      'members.probationary': [3, 2],
    });
  });

  it('the roster rebuilt for today is today’s roster', async () => {
    expect(await membersOn(t.db, { kind: 'all' }, today)).toEqual({ full: 9, probationary: 3 });
    const orgs = await orgsOn(t.db, { kind: 'all' }, today);
    expect(figureOf(overview, 'orgs.branch').value).toBe(orgs.get('branch'));
  });

  it('counts orgs by type now and a year ago (the 党委 itself left out)', () => {
    expect(
      overview.figures.filter((f) => f.group === 'orgs').map((f) => [f.key, f.value, f.lastYear]),
    ).toEqual([
      ['orgs.general_branch', 1, 1],
      // A, B, the direct branch and the new one; a year ago the archived one instead of the new one.
      ['orgs.branch', 4, 4],
      ['orgs.group', 1, 1],
    ]);
  });

  it('counts 发展党员 milestones in the year to today and last year to the same day', () => {
    expect(
      values(overview, ['recruitment.applications', 'recruitment.admitted', 'recruitment.confirmed']),
    ).toEqual({
      'recruitment.applications': [1, 1],
      // X5 approved 2026-05-20; X3 approved 2025-05-10 (X4's approval came after 2025-06-15).
      'recruitment.admitted': [1, 1],
      'recruitment.confirmed': [1, 0],
    });
  });

  it('counts archived records of meetings held in the year to today (the planned one left out)', () => {
    // 2025-06-15 counts for last year, 2025-06-16 does not.
    expect(values(overview, ['life.activities'])).toEqual({ 'life.activities': [2, 2] });
  });

  it('counts this year’s 整改与督办 as they stand today, with no 去年同期', () => {
    expect(values(overview, ['followup.rectification.overdue', 'followup.rectification.submitted'])).toEqual({
      'followup.rectification.overdue': [1, null],
      'followup.rectification.submitted': [0, null],
    });
    expect(figureOf(overview, 'followup.supervision.overdue')).toMatchObject({ value: 0, lastYear: null });
  });

  it('every figure and count links to a list whose total is that figure', async () => {
    const checks: [string, OverviewLink, number | null][] = [
      ...overview.figures.map((f): [string, OverviewLink, number | null] => [f.key, f.link!, f.value]),
      ...overview.findings.units.flatMap((u) =>
        (['error', 'warning', 'info'] as const).map((s): [string, OverviewLink, number] => [
          `findings.${u.org.name}.${s}`,
          u.links[s],
          u.counts[s],
        ]),
      ),
      ...overview.findings.units.map((u): [string, OverviewLink, number] => [
        `findings.${u.org.name}`,
        u.totalLink,
        u.total,
      ]),
      ...(['error', 'warning', 'info'] as const).map((s): [string, OverviewLink, number] => [
        `findings.all.${s}`,
        overview.findings.totalLinks[s],
        overview.findings.totals[s],
      ]),
      ...overview.pipeline.map((p): [string, OverviewLink, number] => [
        `pipeline.${p.stage}`,
        p.link,
        p.count,
      ]),
      ...overview.completion.map((c): [string, OverviewLink, number | null] => [
        `completion.${c.name}`,
        c.link,
        c.rate,
      ]),
    ];
    expect(checks.length).toBeGreaterThan(20);
    for (const [key, link, value] of checks) {
      expect(link, key).not.toBeNull();
      expect([key, await listTotal(leader, link, key)]).toEqual([key, value]);
    }
    expect(overview.findings.totals.error + overview.findings.totals.warning).toBeGreaterThan(0);
    expect(overview.findings.units.find((u) => u.own)?.org.id).toBe(tree.committee.id);
  });

  it('lists the pipeline by stage and the completion per 党总支 as their own pages do', async () => {
    expect(overview.pipeline.map((p) => [p.stage, p.count])).toEqual([
      ['application', 2],
      ['activist', 0],
      ['candidate', 0],
      ['admission', 1],
      ['probation', 1],
    ]);
    const rates = (await leader.get('/api/compliance/rates?year=2026')).json() as {
      items: { superiorId: number | null; met: number; required: number }[];
    };
    expect(overview.completion.map((c) => [c.superiorId, c.met, c.required]).sort()).toEqual(
      rates.items.map((r) => [r.superiorId, r.met, r.required]).sort(),
    );
    const met = rates.items.reduce((n, r) => n + r.met, 0);
    const required = rates.items.reduce((n, r) => n + r.required, 0);
    expect(figureOf(overview, 'life.completion')).toMatchObject({
      value: met / required,
      detail: `完成 ${met} / 应完成 ${required} 项`,
    });
    // Lowest rate first.
    const order = overview.completion.map((c) => c.rate ?? 2);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('a past year runs to 31 December; its roster figures open no list', async () => {
    const res = await leader.get('/api/overview?year=2025');
    expect(res.statusCode).toBe(200);
    const past = res.json() as Overview;
    expect(past).toMatchObject({ year: 2025, asOf: '2025-12-31', lastYearAsOf: '2024-12-31' });
    // 2025-12-31: 正式 A 4, B 4 (the one who left in 2026, the mover), 预备 X4 and X3.
    // 2024-12-31: 正式 A 3, B 4 and the one who died in 2025; 预备 the one confirmed in 2025-09.
    expect(values(past, ['members.full', 'members.probationary'])).toEqual({
      'members.full': [8, 8],
      'members.probationary': [2, 1],
    });
    expect(figureOf(past, 'members.total').link).toBeNull();
    expect(figureOf(past, 'members.total').note).toContain('推算');
    // The whole of 2025 against the whole of 2024.
    expect(values(past, ['recruitment.admitted', 'life.activities'])).toEqual({
      'recruitment.admitted': [2, 0],
      'life.activities': [3, 0],
    });
    expect(figureOf(past, 'recruitment.admitted').link).toEqual({
      page: 'recruitment',
      params: { outcome: 'all', reached: 'admitted', reachedFrom: '2025-01-01', reachedTo: '2025-12-31' },
    });
    const future = await leader.get('/api/overview?year=2027');
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('年度');
  });

  it('answers 401 signed out and 403 without the permission: a 总支 secretary, a member, the auditor', async () => {
    expect((await t.anonymous.get('/api/overview')).statusCode).toBe(401);
    for (const roles of [
      [{ role: 'general_branch_secretary' as const, orgId: tree.general.id }],
      [{ role: 'member' as const, orgId: null }],
      [{ role: 'auditor' as const, orgId: null }],
    ]) {
      const c = await t.as(roles);
      expect((await c.get('/api/overview')).statusCode, roles[0]!.role).toBe(403);
    }
    const zzb = await t.as([{ role: 'org_admin', orgId: null }]);
    expect((await zzb.get('/api/overview')).json()).toEqual(overview);
  });

  it('within a subtree, counts only what lies in it (people placed where they were a year ago)', async () => {
    const general = await t.db
      .selectFrom('org')
      .select('path')
      .where('id', '=', tree.general.id)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: 0,
      username: 'zongzhi',
      displayName: '总支',
      personId: null,
      mustChangePassword: false,
      grants: [],
      permissions: new Set(['dashboard:overview:view']),
      scope: { kind: 'subtrees', orgIds: [tree.general.id], paths: [general.path] },
      sessionId: '',
      csrfToken: '',
    };
    const sub = await getOverview(t.db, actor, {}, today);
    // Now A 正式 4 预备 1, B 正式 2 预备 2; last year A 3 + 1, B 2 + the one who left + the mover.
    expect(values(sub, ['members.full', 'members.probationary'])).toEqual({
      'members.full': [6, 7],
      'members.probationary': [3, 1],
    });
    expect(
      values(sub, ['recruitment.applications', 'recruitment.admitted', 'recruitment.confirmed']),
    ).toEqual({
      'recruitment.applications': [1, 1],
      'recruitment.admitted': [1, 0],
      'recruitment.confirmed': [0, 0],
    });
    expect(values(sub, ['life.activities', 'orgs.branch'])).toEqual({
      'life.activities': [2, 1],
      'orgs.branch': [3, 3],
    });
    expect(sub.figures.some((f) => f.key === 'orgs.general_branch' && f.value === 1)).toBe(true);
    // Findings only of the 党总支's subtree, and no 党委本级.
    expect(sub.findings.units.map((u) => u.org.id)).toEqual([tree.general.id]);
    expect(sub.pipeline.find((p) => p.stage === 'application')?.count).toBe(2);
  });
});

/** The total of the list a link opens, read through the same API the list page calls. */
async function listTotal(c: Client, link: OverviewLink, key: string): Promise<number | null> {
  const query = new URLSearchParams(link.params).toString();
  const get = async <T>(path: string) => {
    const res = await c.get(`${path}?${query}`);
    expect(res.statusCode, `${key}: ${path}?${query}`).toBe(200);
    return res.json() as T;
  };
  switch (link.page) {
    case 'members':
      return (await get<{ total: number }>('/api/members')).total;
    case 'recruitment':
      return (await get<{ total: number }>('/api/recruitment')).total;
    case 'activities':
      return (await get<{ total: number }>('/api/activities')).total;
    case 'alerts':
      return (await get<{ total: number }>('/api/alerts')).total;
    case 'rectifications':
      return (await get<{ total: number }>('/api/rectifications')).total;
    case 'supervised-tasks':
      return (await get<{ total: number }>('/api/supervised-tasks')).total;
    case 'orgs': {
      const res = await c.get('/api/orgs');
      return (res.json() as { type: string }[]).filter((o) => o.type === link.params.type).length;
    }
    case 'compliance': {
      // The rows of the matrix under the link's org, grouped as the rates group them.
      const m = await get<{
        rows: { type: string; orgId: number; superiorId: number | null; met: number; required: number }[];
      }>('/api/compliance');
      const orgId = link.params.orgId === undefined ? undefined : Number(link.params.orgId);
      const groupOf = (r: (typeof m.rows)[number]) =>
        r.type === 'general_branch' || r.type === 'committee' ? r.orgId : r.superiorId;
      const rows = orgId === undefined ? m.rows : m.rows.filter((r) => groupOf(r) === orgId);
      const met = rows.reduce((n, r) => n + r.met, 0);
      const required = rows.reduce((n, r) => n + r.required, 0);
      return required > 0 ? met / required : null;
    }
  }
}
