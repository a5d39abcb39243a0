/**
 * 年轻干部储备 (issue 18 item 5) through the API: the 组织部 nominates, takes into the pool (age limit of the level),
 * plans, trains, records 挂职 and 轮岗, reviews and uses or takes out; each refusal names its rule; 校领导 read and
 * do not write; a secretary reaches no route (the same answer for any id); people out of scope answer as missing;
 * two writers on one version: one wins; 学时 come from the trainings module; a candidate who is a cadre shows the
 * current post; findings on the 党委 and the 组织部's 待办; every write audited.
 */
import type { InboxResponse, ReserveCandidateDetail, ReserveCandidateItem } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreReserveFindingsProvider } from '../src/modules/cadre-reserve/findings.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-11-16T04:00:00Z'));
const today = '2026-11-16';
let t: TestApp;
let admin: Client;
let leader: Client;
let secA: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const p = {} as { young: number; old: number; cadre: number; outside: number; noBirth: number };

async function person(orgId: number, name: string, birth: string | null): Promise<number> {
  const id = await t.factory.person({ orgId, name });
  await t.db
    .updateTable('person')
    .set({ birth_date: birth, position: '教务处科员' })
    .where('id', '=', id)
    .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  p.young = await person(tree.branchA.id, '林青', '1992-03-10');
  p.old = await person(tree.branchA.id, '郑远', '1985-11-16'); // 41 today: over the 正科级 limit of 40
  p.cadre = await person(tree.branchA.id, '何明', '1988-06-01');
  p.noBirth = await person(tree.branchA.id, '许安', null);
  [admin, leader, secA] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
  ]);
});
afterAll(() => t.close());

const ok = async <T = ReserveCandidateDetail>(res: { statusCode: number; body: string; json(): unknown }) => {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as T;
};
const nominate = (personId: number, over: Record<string, unknown> = {}) =>
  admin.post('/api/cadre-reserve', {
    personId,
    level: 'principal',
    nominatedOn: '2025-09-01',
    nominationSource: '民主推荐',
    ...over,
  });
const step = (c: Client, d: { id: number; version: number }, s: string, over: Record<string, unknown> = {}) =>
  c.post(`/api/cadre-reserve/${d.id}/steps`, { version: d.version, step: s, on: '2025-11-01', ...over });

describe('the reserve of young cadres', () => {
  let d: ReserveCandidateDetail;

  it('the 组织部 nominates, admits within the age limit, plans and starts training', async () => {
    const res = await nominate(p.young);
    expect(res.statusCode, res.body).toBe(201);
    d = res.json() as ReserveCandidateDetail;
    expect(d).toMatchObject({ name: '林青', age: 34, status: 'nominated', maxAge: 40, cadre: null });
    expect(d.abilities.steps).toMatchObject({ admit: true, start_training: false });
    expect(res.body).not.toContain('1992-03-10');
    // A person is in the pool once at a time.
    expect((await nominate(p.young)).statusCode).toBe(409);

    d = await ok(await step(admin, d, 'admit', { on: '2025-10-15' }));
    expect(d).toMatchObject({ status: 'admitted', reviewDueOn: '2026-10-15' });
    // 开始培养 needs a plan.
    const noPlan = await step(admin, d, 'start_training');
    expect(noPlan.statusCode).toBe(400);
    expect(noPlan.json().message).toMatch(/须先制定培养计划/);

    d = await ok(
      await admin.post(`/api/cadre-reserve/${d.id}/plan-items`, {
        version: d.version,
        kind: 'study',
        title: '参加市委党校中青年干部培训班',
        dueOn: '2026-06-30',
      }),
    );
    d = await ok(
      await admin.post(`/api/cadre-reserve/${d.id}/plan-items`, {
        version: d.version,
        kind: 'mentoring',
        title: '由教务处处长导师帮带',
        dueOn: '2027-06-30',
        mentorName: '王处长',
      }),
    );
    d = await ok(await step(admin, d, 'start_training', { on: '2025-11-01' }));
    expect(d.status).toBe('in_training');
    expect(d.planItems.map((i) => [i.kind, i.overdue])).toEqual([
      ['study', true],
      ['mentoring', false],
    ]);
    expect(d.overdueItems).toBe(1);
  });

  it('records 挂职 of the school’s length and 轮岗', async () => {
    const short = await admin.post(`/api/cadre-reserve/${d.id}/secondments`, {
      version: d.version,
      place: '某县乡村振兴局',
      post: '副局长',
      fromOn: '2026-03-01',
      toOn: '2026-08-30',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/挂职期限不少于6个月/);
    d = await ok(
      await admin.post(`/api/cadre-reserve/${d.id}/secondments`, {
        version: d.version,
        place: '某县乡村振兴局',
        post: '副局长',
        fromOn: '2026-03-01',
        toOn: '2027-02-28',
      }),
    );
    expect(d.secondments[0]).toMatchObject({ phase: 'current' });
    expect(d.secondedTo).toBe('某县乡村振兴局（副局长）');
    const overlap = await admin.post(`/api/cadre-reserve/${d.id}/secondments`, {
      version: d.version,
      place: '某企业',
      post: '总经理助理',
      fromOn: '2027-01-01',
      toOn: '2027-12-31',
    });
    expect(overlap.json().message).toMatch(/重叠/);
    d = await ok(
      await admin.post(`/api/cadre-reserve/${d.id}/rotations`, {
        version: d.version,
        fromPost: '教务处科员',
        toUnit: '学生工作处',
        toPost: '科员',
        onDate: '2026-01-05',
      }),
    );
    expect(d.rotations).toHaveLength(1);
  });

  it('marks a plan item done, reads 学时 from the trainings module, and shows a cadre’s post', async () => {
    const item = d.planItems.find((i) => i.kind === 'study')!;
    const future = await admin.patch(`/api/cadre-reserve/${d.id}/plan-items/${item.id}`, {
      version: d.version,
      doneOn: '2026-12-01',
    });
    expect(future.statusCode).toBe(400);
    d = await ok(
      await admin.patch(`/api/cadre-reserve/${d.id}/plan-items/${item.id}`, {
        version: d.version,
        doneOn: '2026-06-20',
      }),
    );
    expect(d.overdueItems).toBe(0);
    expect(
      (
        await admin.patch(`/api/cadre-reserve/${d.id}/plan-items/2000000000`, {
          version: d.version,
          doneOn: null,
        })
      ).statusCode,
    ).toBe(404);

    // External training of the person, entered once in the trainings module, counts here.
    await ok(
      await admin.post('/api/external-trainings', {
        personId: p.young,
        title: '中青年干部培训班',
        organiser: '市委党校',
        startsOn: '2026-05-01',
        endsOn: '2026-06-19',
        hours: 48,
        certificateNo: 'DX-2026-001',
      }),
    );
    d = await ok(await admin.get(`/api/cadre-reserve/${d.id}`));
    expect(d.trainingHours).toMatchObject({ year: 2026, yearTotal: 48, sinceNominated: 48 });
    expect(d.trainingHours.bySource.external).toBe(48);

    // A candidate who is on the cadre roster shows the current post and links the file.
    const unit = await t.db
      .insertInto('unit')
      .values({ name: '教务处', kind: 'department' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cadre = await ok<{ id: number }>(
      await admin.post('/api/cadres', {
        personId: p.cadre,
        post: { unitId: unit.id, title: '科长', level: 'deputy', track: 'admin', startOn: '2024-03-01' },
      }),
    );
    const c = await ok(await nominate(p.cadre, { level: 'principal' }));
    expect(c.cadre).toEqual({ id: cadre.id, posts: ['教务处科长'] });
  });

  it('refuses 入库 over the level’s age limit or without a birth date, naming the rule; the limit is a setting', async () => {
    let old = await ok(await nominate(p.old, { nominatedOn: '2026-11-01' }));
    const refused = await step(admin, old, 'admit', { on: today });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe(
      '入库：41周岁，超过正科级（正职）后备干部的年龄条件（40周岁及以下）（本校中层干部后备人才队伍建设办法）',
    );
    const noBirth = await ok(await nominate(p.noBirth, { nominatedOn: '2026-11-01' }));
    expect((await step(admin, noBirth, 'admit', { on: today })).json().message).toMatch(/缺少出生日期/);

    const settings = await ok<Record<string, number>>(await admin.get('/api/cadre-reserve/settings'));
    expect(settings).toMatchObject({ principalMaxAge: 40, deputyMaxAge: 35, reviewIntervalMonths: 12 });
    await ok(await admin.put('/api/cadre-reserve/settings', { ...settings, principalMaxAge: 41 }));
    old = await ok(await step(admin, old, 'admit', { on: today }));
    expect(old.status).toBe('admitted');
    await ok(await admin.put('/api/cadre-reserve/settings', settings));
    old = await ok(await admin.get(`/api/cadre-reserve/${old.id}`));
    expect(old.overAge).toBe(true);
    const bad = await admin.put('/api/cadre-reserve/settings', {
      ...settings,
      secondmentMinMonths: 12,
      secondmentMaxMonths: 6,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/挂职最长期限/);
  });

  it('one of two writers on the same version wins; the other is told to reload', async () => {
    const fresh = await ok(await admin.get(`/api/cadre-reserve/${d.id}`));
    const [a, b] = await Promise.all([
      step(admin, fresh, 'review', { on: today }),
      step(admin, fresh, 'review', { on: today, reason: '表现良好，继续保留' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = await ok(await admin.get(`/api/cadre-reserve/${d.id}`));
    expect(after.version).toBe(fresh.version + 1);
    expect(after.events.map((e) => e.step)).toEqual(
      expect.arrayContaining(['nominate', 'admit', 'start_training']),
    );
    expect(after.events).toHaveLength(4);
    d = after;
  });

  it('uses (提任) a candidate in training, then refuses any further step with its status', async () => {
    expect((await step(admin, d, 'appoint', { on: today })).json().message).toMatch(/提任职务/);
    d = await ok(await step(admin, d, 'appoint', { on: today, post: '教务处副处长' }));
    expect(d).toMatchObject({ status: 'appointed', usedPost: '教务处副处长' });
    const again = await step(admin, d, 'withdraw', { on: today, reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该后备干部已使用（提任），不能调出（退出）');
  });

  it('校领导 read and do not write; a secretary reaches no route, the same for any id', async () => {
    expect((await leader.get('/api/cadre-reserve')).statusCode).toBe(200);
    expect((await leader.get(`/api/cadre-reserve/${d.id}`)).json().abilities.manage).toBe(false);
    expect((await leader.post('/api/cadre-reserve', { personId: p.old })).statusCode).toBe(403);
    const real = await secA.get(`/api/cadre-reserve/${d.id}`);
    const missing = await secA.get('/api/cadre-reserve/2000000000');
    expect(real.statusCode).toBe(403);
    expect([missing.statusCode, missing.body]).toEqual([real.statusCode, real.body]);
    expect((await secA.get('/api/cadre-reserve')).statusCode).toBe(403);
    expect((await admin.get('/api/cadre-reserve/2000000000')).statusCode).toBe(404);
    expect((await nominate(2_000_000_000)).json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists with filters, exports the 后备干部名册, and audits every write', async () => {
    const list = await ok<{ items: ReserveCandidateItem[]; poolReviewDueOn: string | null }>(
      await admin.get('/api/cadre-reserve?overAge=true'),
    );
    expect(list.items.map((i) => i.name)).toEqual(['郑远']);
    const nominated = await ok<{ items: ReserveCandidateItem[] }>(
      await leader.get('/api/cadre-reserve?status=nominated'),
    );
    expect(nominated.items.map((i) => i.name).sort()).toEqual(['何明', '许安']);
    const xlsx = await leader.get('/api/cadre-reserve/roster.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'cadre_reserve')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'cadre_reserve.create',
        'cadre_reserve.step',
        'cadre_reserve.plan_item',
        'cadre_reserve.secondment',
        'cadre_reserve.rotation',
      ]),
    );
  });
});

describe('findings and 待办', () => {
  it('files an overdue plan item, an over-age candidate and the pool’s review on the 党委, and waits on the 组织部', async () => {
    const c = await ok(await nominate(await person(tree.branchB.id, '宋晓', '1994-01-01')));
    let x = await ok(await step(admin, c, 'admit', { on: '2025-10-01' }));
    x = await ok(
      await admin.post(`/api/cadre-reserve/${x.id}/plan-items`, {
        version: x.version,
        kind: 'practice',
        title: '到基层挂职锻炼',
        dueOn: '2026-09-30',
      }),
    );
    const findings = await cadreReserveFindingsProvider.evaluate(t.db, today, null);
    const mine = findings.map((f) => [f.ruleId, f.subject]);
    expect(mine).toContainEqual([
      'cadre_reserve.plan_item_overdue',
      `cadre_reserve_plan_item:${x.planItems[0]!.id}`,
    ]);
    expect(mine.filter(([r]) => r === 'cadre_reserve.over_age')).toHaveLength(1);
    expect(mine).toContainEqual(['cadre_reserve.review_due', 'cadre_reserve_pool']);
    expect(new Set(findings.map((f) => f.orgId))).toEqual(new Set([tree.committee.id]));
    expect(JSON.stringify(findings)).not.toMatch(/宋晓|郑远/);
    // Nothing for an org below the 党委.
    expect(await cadreReserveFindingsProvider.evaluate(t.db, today, [tree.branchA.id])).toEqual([]);
    // Stored on the write (the 党委 marked dirty).
    const stored = await t.db
      .selectFrom('finding')
      .select('rule_id')
      .where('state', '<>', 'resolved')
      .execute();
    expect(stored.map((s) => s.rule_id).filter((r) => r.startsWith('cadre_reserve.'))).toContain(
      'cadre_reserve.plan_item_overdue',
    );

    const inbox = ((await admin.get('/api/inbox')).json() as InboxResponse).items.filter((i) =>
      i.kind.startsWith('cadre_reserve.'),
    );
    expect(inbox.map((i) => [i.kind, i.title]).sort()).toEqual([
      ['cadre_reserve.over_age', '后备干部超过年龄条件：郑远'],
      ['cadre_reserve.plan_item', '后备干部培养事项逾期：宋晓'],
      ['cadre_reserve.review', '后备干部库年度动态调整：1人'],
    ]);
    expect(
      ((await leader.get('/api/inbox')).json() as InboxResponse).items.some((i) =>
        i.kind.startsWith('cadre_reserve'),
      ),
    ).toBe(false);
  });
});
