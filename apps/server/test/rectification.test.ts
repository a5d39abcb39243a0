/**
 * Rectification items through the API (issue 15, items 1–3): who sees and does what (401/403/cross-scope
 * 404), the whole walk from 待整改 to 已销号 with evidence linked from records, returns, extensions that keep
 * the first deadline, 回头看 reopening, illegal steps refused with core's message, the verifier decided from
 * the scope (the 总支 for its branches, the 组织部 for the 总支's own), parallel steps counted once, and one
 * open item per finding.
 */
import type { RectificationBoard, RectificationDetail, RectificationItem } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Page = { items: RectificationItem[]; total: number };

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let general2: number;
let branchC: number;
let admin: Client;
let gsec: Client;
let g2sec: Client;
let secA: Client;
let secB: Client;
let leader: Client;
let member: Client;
const ids = {} as {
  a: number[];
  b: number;
  meetingA: number;
  plannedA: number;
  meetingB: number;
  termA: number;
  termB: number;
};
const today = '2026-06-15';
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  general2 = (
    await t.factory.org({ parentId: tree.committee.id, type: 'general_branch', name: '机电学院党总支' })
  ).id;
  branchC = (await t.factory.org({ parentId: general2, type: 'branch', name: '机电教工党支部' })).id;
  ids.a = await t.factory.people(tree.branchA.id, 2);
  ids.b = await t.factory.person({ orgId: tree.branchB.id, name: '乙支部党员' });
  ids.meetingA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '六月支委会',
  });
  ids.plannedA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    onDate: '2026-06-20',
    status: 'planned',
  });
  ids.meetingB = await insertActivity(t.db, {
    orgId: tree.branchB.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '乙支部支委会',
  });
  ids.termA = await t.factory.term({ orgId: tree.branchA.id, start: '2026-06-01', end: '2029-05-31' });
  ids.termB = await t.factory.term({ orgId: tree.branchB.id, start: '2026-06-01', end: '2029-05-31' });
  [admin, gsec, g2sec, secA, secB, leader, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: general2 }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }]),
  ]);
});
afterAll(() => t.close());

/** An item body for branch A (or `orgId`), due in two weeks. */
const itemBody = (over: Record<string, unknown> = {}) => ({
  orgId: tree.branchA.id,
  source: 'upper_check',
  sourceLabel: '2026年上级党建工作督查',
  problem: '支委会未按月召开，会议记录不完整',
  clause: '《中国共产党支部工作条例（试行）》第十九条',
  deadline: '2026-06-30',
  ...over,
});

async function create(c: Client, over: Record<string, unknown> = {}): Promise<RectificationDetail> {
  const res = await c.post('/api/rectifications', itemBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const step = (c: Client, id: number, transition: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/rectifications/${id}/transitions`, { transition, ...extra });

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as RectificationDetail;
}

/** An item of branch A made ready to submit: measures, started, a closed meeting linked, a result. */
async function readyToSubmit(): Promise<RectificationDetail> {
  const item = await create(gsec);
  await ok(
    await secA.patch(`/api/rectifications/${item.id}`, {
      measures: '每月5日前召开支委会',
      version: item.version,
    }),
  );
  await ok(await step(secA, item.id, 'start'));
  await ok(
    await secA.post(`/api/rectifications/${item.id}/evidence`, { kind: 'activity', recordId: ids.meetingA }),
    201,
  );
  const d = (await secA.get(`/api/rectifications/${item.id}`)).json() as RectificationDetail;
  return ok(
    await secA.patch(`/api/rectifications/${item.id}`, {
      result: '6月已召开支委会并归档',
      version: d.version,
    }),
  );
}

describe('who may reach the endpoints', () => {
  let itemA: RectificationDetail;
  beforeAll(async () => {
    itemA = await create(secA);
  });

  const endpoints = (id: number) => [
    { method: 'GET', url: '/api/rectifications' },
    { method: 'POST', url: '/api/rectifications', body: itemBody() },
    { method: 'GET', url: `/api/rectifications/${id}` },
    { method: 'PATCH', url: `/api/rectifications/${id}`, body: { measures: 'x', version: 0 } },
    { method: 'POST', url: `/api/rectifications/${id}/transitions`, body: { transition: 'start' } },
    { method: 'POST', url: `/api/rectifications/${id}/evidence`, body: { kind: 'activity', recordId: 1 } },
    { method: 'DELETE', url: `/api/rectifications/${id}/evidence/1` },
    { method: 'GET', url: `/api/rectifications/${id}/evidence/1/file` },
    { method: 'POST', url: `/api/rectifications/${id}/progress`, body: { note: '已整改' } },
    { method: 'POST', url: '/api/alerts/org.x:1:-:-/rectification', body: {} },
  ];

  it('401 without a session, 403 for a member and for the 校领导 on every write', async () => {
    for (const e of endpoints(itemA.id)) {
      const anon = await t.app.inject({ method: e.method as 'GET', url: e.url, payload: e.body });
      expect(anon.statusCode, `${e.method} ${e.url}`).toBe(401);
      const m =
        e.method === 'GET'
          ? await member.get(e.url)
          : await member[e.method.toLowerCase() as 'post'](e.url, e.body);
      expect(m.statusCode, `${e.method} ${e.url}`).toBe(403);
      if (e.method !== 'GET') {
        const l = await leader[e.method.toLowerCase() as 'post'](e.url, e.body);
        expect(l.statusCode, `${e.method} ${e.url}`).toBe(403);
      }
    }
  });

  it('an item outside the scope answers 404 on every endpoint, like a missing one', async () => {
    for (const id of [itemA.id, missingId]) {
      for (const e of endpoints(id).filter((x) => x.url.includes(`/${id}`))) {
        for (const c of [secB, g2sec]) {
          const res =
            e.method === 'GET'
              ? await c.get(e.url)
              : await c[e.method.toLowerCase() as 'post'](e.url, e.body);
          expect(res.statusCode, `${e.method} ${e.url}`).toBe(404);
          expect(res.body).not.toContain(itemA.problem);
        }
      }
    }
  });

  it('a branch sees its items, the 总支 those below it, the 组织部 and the 校领导 all, another 总支 none', async () => {
    const itemB = await create(gsec, { orgId: tree.branchB.id });
    const listed = async (c: Client, q = '') =>
      ((await c.get(`/api/rectifications?pageSize=200${q}`)).json() as Page).items.map((i) => i.id);
    expect(await listed(secA)).toContain(itemA.id);
    expect(await listed(secA)).not.toContain(itemB.id);
    expect(await listed(secB)).toEqual([itemB.id]);
    expect(await listed(gsec)).toEqual(expect.arrayContaining([itemA.id, itemB.id]));
    expect(await listed(g2sec)).toEqual([]);
    expect(await listed(admin)).toEqual(expect.arrayContaining([itemA.id, itemB.id]));
    expect(await listed(leader)).toEqual(expect.arrayContaining([itemA.id, itemB.id]));
    expect((await leader.get(`/api/rectifications/${itemA.id}`)).json().abilities).toMatchObject({
      start: false,
      edit: false,
      verify: false,
    });
    expect(await listed(gsec, `&orgId=${tree.branchB.id}`)).toEqual([itemB.id]);
    // A filter on an org outside the scope answers like a missing one.
    const foreign = await secA.get(`/api/rectifications?orgId=${tree.branchB.id}`);
    const missing = await secA.get(`/api/rectifications?orgId=${missingId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await listed(gsec, `&responsiblePersonId=${ids.b}`)).toEqual([]);
  });
});

describe('creating an item', () => {
  it('names the verifier: the 总支 for its branch, the 组织部 for the 总支 and a 直属支部', async () => {
    const a = await create(secA);
    expect(a.status).toBe('pending');
    expect(a.verifier).toEqual({ level: 'parent', orgId: tree.general.id, orgName: '信息学院党总支' });
    expect(a.events.map((e) => e.kind)).toEqual(['created']);
    expect(a.abilities).toMatchObject({ start: true, edit: true, editTerms: false, verify: false });
    const g = await create(admin, { orgId: tree.general.id });
    expect(g.verifier).toMatchObject({ level: 'committee', orgId: tree.committee.id });
    const o = await create(admin, { orgId: tree.other.id });
    expect(o.verifier).toMatchObject({ level: 'committee', orgId: tree.committee.id });
  });

  it('refuses an org, 责任人, 协办 org or record outside the scope like a missing one', async () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['orgId', { orgId: tree.branchB.id }, { orgId: missingId }],
      ['responsiblePersonId', { responsiblePersonId: ids.b }, { responsiblePersonId: missingId }],
      ['assistingOrgIds', { assistingOrgIds: [tree.branchB.id] }, { assistingOrgIds: [missingId] }],
      [
        'activityId',
        { source: 'supervision_check', activityId: ids.meetingB },
        { source: 'supervision_check', activityId: missingId },
      ],
    ];
    for (const [field, foreign, missing] of cases) {
      const f = await secA.post('/api/rectifications', itemBody(foreign));
      const m = await secA.post('/api/rectifications', itemBody(missing));
      expect(f.statusCode, `${field} ${f.body}`).toBe(404);
      expect(f.json(), field).toEqual(m.json());
      expect(f.body).not.toContain('网络学生党支部');
      expect(f.body).not.toContain('乙支部党员');
    }
  });

  it('refuses a past deadline, a milestone after the deadline, the committee itself and a source of its own route', async () => {
    const past = await secA.post('/api/rectifications', itemBody({ deadline: '2026-06-01' }));
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toBe('整改期限：不能早于今天');
    const late = await secA.post(
      '/api/rectifications',
      itemBody({ milestones: [{ title: '建立制度', dueOn: '2026-07-15' }] }),
    );
    expect(late.statusCode).toBe(400);
    expect(late.json().details.fields[0].path).toBe('milestones.0.dueOn');
    const committee = await admin.post('/api/rectifications', itemBody({ orgId: tree.committee.id }));
    expect(committee.statusCode).toBe(422);
    const finding = await secA.post('/api/rectifications', itemBody({ source: 'finding' }));
    expect(finding.statusCode).toBe(400);
    expect(finding.json().message).toContain('问题来源');
    const self = await secA.post('/api/rectifications', itemBody({ assistingOrgIds: [tree.branchA.id] }));
    expect(self.statusCode).toBe(400);
    const life = await secA.post(
      '/api/rectifications',
      itemBody({ source: 'life_meeting', activityId: ids.meetingA }),
    );
    expect(life.statusCode).toBe(400);
    expect(life.json().message).toContain('不是组织生活会');
  });
});

describe('the walk: 待整改 → 整改中 → 已提交 → 已销号', () => {
  it('the branch rectifies with a linked record, the 总支 verifies, the timeline tells each step', async () => {
    const item = await create(gsec, { responsiblePersonId: ids.a[0] });
    expect(item.abilities).toMatchObject({ start: false, editTerms: true, edit: false });
    // Nothing to start with yet: measures first.
    const bare = await step(secA, item.id, 'start');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details.fields[0].path).toBe('measures');
    const measured = await ok(
      await secA.patch(`/api/rectifications/${item.id}`, {
        measures: '每月5日前召开支委会',
        version: item.version,
      }),
    );
    const started = await ok(await step(secA, item.id, 'start'));
    expect(started.status).toBe('in_progress');
    expect(started.version).toBeGreaterThan(measured.version);
    // Submitting needs the result and evidence.
    const early = await step(secA, item.id, 'submit');
    expect(early.statusCode).toBe(400);
    expect(early.json().details.fields.map((f: { path: string }) => f.path)).toEqual(['result', 'evidence']);
    const unheld = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'activity',
      recordId: ids.plannedA,
    });
    expect(unheld.statusCode).toBe(422);
    const linked = await ok(
      await secA.post(`/api/rectifications/${item.id}/evidence`, {
        kind: 'activity',
        recordId: ids.meetingA,
        note: '补开的支委会',
      }),
      201,
    );
    expect(linked.evidence).toEqual([
      expect.objectContaining({
        kind: 'activity',
        recordId: ids.meetingA,
        title: '六月支委会',
        date: '2026-06-10',
        path: `/activities/${ids.meetingA}`,
        note: '补开的支委会',
      }),
    ]);
    const twice = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'activity',
      recordId: ids.meetingA,
    });
    expect(twice.statusCode).toBe(409);
    await ok(
      await secA.post(`/api/rectifications/${item.id}/evidence`, { kind: 'term', recordId: ids.termA }),
      201,
    );
    await ok(
      await secA.post(`/api/rectifications/${item.id}/progress`, { note: '已制定支委会月度计划' }),
      201,
    );
    const withResult = await ok(
      await secA.patch(`/api/rectifications/${item.id}`, {
        result: '6月已召开支委会并归档',
        version: linked.version + 2,
      }),
    );
    // The branch cannot verify its own item; the 总支 cannot submit it.
    expect((await step(gsec, item.id, 'submit')).statusCode).toBe(403);
    const submitted = await ok(await step(secA, item.id, 'submit'));
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).not.toBeNull();
    const selfVerify = await step(secA, item.id, 'verify');
    expect(selfVerify.statusCode).toBe(403);
    expect(selfVerify.json().message).toBe('审核销号由上级党组织（信息学院党总支）办理');
    expect((await step(g2sec, item.id, 'verify')).statusCode).toBe(404);
    expect((await secA.get(`/api/rectifications/${item.id}`)).json().abilities).toMatchObject({
      verify: false,
      edit: false,
    });
    expect((await gsec.get(`/api/rectifications/${item.id}`)).json().abilities).toMatchObject({
      verify: true,
      return: true,
    });
    const closed = await ok(await step(gsec, item.id, 'verify'));
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'pending'],
      ['edited', null, null],
      ['start', 'pending', 'in_progress'],
      ['evidence_added', null, null],
      ['evidence_added', null, null],
      ['progress', null, null],
      ['edited', null, null],
      ['submit', 'in_progress', 'submitted'],
      ['verify', 'submitted', 'closed'],
    ]);
    expect(closed.events.at(-1)!.actorName).toBe(gsec.me!.user.displayName);
    expect(withResult.result).toBe('6月已召开支委会并归档');
    // Closed items are read-only to the branch.
    const late = await secA.patch(`/api/rectifications/${item.id}`, {
      measures: '改',
      version: closed.version,
    });
    expect(late.statusCode).toBe(409);
    // The audit log names each step.
    const actions = await t.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'rectification')
      .where('target_id', '=', String(item.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toContain('rectification.transition');
    expect(actions.at(-1)!.summary).toContain('审核销号');
  });

  it('illegal transitions answer 409 with the rule', async () => {
    const item = await create(gsec);
    const verify = await step(gsec, item.id, 'verify');
    expect(verify.statusCode).toBe(409);
    expect(verify.json().message).toBe('该整改事项待整改，不能审核销号');
    const reopen = await step(gsec, item.id, 'reopen', { reason: '反弹', until: '2026-08-31' });
    expect(reopen.json().message).toBe('该整改事项待整改，不能回头看发现反弹');
    const submit = await step(secA, item.id, 'submit');
    expect(submit.statusCode).toBe(409);
    expect(submit.json().message).toBe('该整改事项待整改，不能提交销号');
    const noRequest = await step(gsec, item.id, 'approve_extension');
    expect(noRequest.statusCode).toBe(409);
    expect(noRequest.json().message).toBe('没有待审核的延期申请');
  });

  it('return sends it back to 整改中 with the reason', async () => {
    const item = await readyToSubmit();
    await ok(await step(secA, item.id, 'submit'));
    const noReason = await step(gsec, item.id, 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields[0].path).toBe('reason');
    const back = await ok(await step(gsec, item.id, 'return', { reason: '会议记录缺签到表' }));
    expect(back.status).toBe('in_progress');
    expect(back.submittedAt).toBeNull();
    expect(back.events.at(-1)).toMatchObject({
      kind: 'return',
      note: '会议记录缺签到表',
      toStatus: 'in_progress',
    });
  });

  it('an extension asked by the branch and approved by the 总支 keeps the first deadline', async () => {
    const item = await create(gsec);
    const asked = await ok(
      await step(secA, item.id, 'request_extension', { reason: '换届须等上级批复', until: '2026-07-31' }),
    );
    expect(asked.extensionRequest).toEqual({ until: '2026-07-31', reason: '换届须等上级批复' });
    expect((await step(secA, item.id, 'approve_extension')).statusCode).toBe(403);
    // While an extension is pending the deadline moves only through it.
    const patch = await gsec.patch(`/api/rectifications/${item.id}`, {
      deadline: '2026-07-10',
      version: asked.version,
    });
    expect(patch.statusCode).toBe(409);
    const approved = await ok(await step(gsec, item.id, 'approve_extension'));
    expect(approved).toMatchObject({
      deadline: '2026-07-31',
      originalDeadline: '2026-06-30',
      extensions: 1,
      extensionRequest: null,
      status: 'pending',
    });
    expect(approved.events.at(-1)).toMatchObject({ kind: 'approve_extension', until: '2026-07-31' });
    await ok(await step(secA, item.id, 'request_extension', { reason: '再延', until: '2026-08-31' }));
    const refused = await step(gsec, item.id, 'reject_extension');
    expect(refused.statusCode).toBe(400);
    const rejected = await ok(await step(gsec, item.id, 'reject_extension', { reason: '期限已足够' }));
    expect(rejected).toMatchObject({ deadline: '2026-07-31', originalDeadline: '2026-06-30', extensions: 1 });
  });

  it('a 回头看 reopens a closed item: 整改中 again with a new deadline, the rebound counted', async () => {
    const item = await readyToSubmit();
    await ok(await step(secA, item.id, 'submit'));
    await ok(await step(gsec, item.id, 'verify'));
    expect((await step(secA, item.id, 'reopen', { reason: '反弹', until: '2026-08-31' })).statusCode).toBe(
      403,
    );
    const reopened = await ok(
      await step(gsec, item.id, 'reopen', { reason: '回头看发现7月支委会又未召开', until: '2026-08-31' }),
    );
    expect(reopened).toMatchObject({
      status: 'in_progress',
      deadline: '2026-08-31',
      reopenCount: 1,
      closedAt: null,
    });
    expect(reopened.originalDeadline).toBe('2026-06-30');
  });

  it('the 总支 rectifies its own items and the 组织部 verifies them', async () => {
    const item = await create(admin, { orgId: tree.general.id });
    const g = await ok(await gsec.get(`/api/rectifications/${item.id}`));
    expect(g.abilities).toMatchObject({ start: true, edit: true, verify: false });
    await ok(
      await gsec.patch(`/api/rectifications/${item.id}`, {
        measures: '总支委员会按季度研究党建',
        version: item.version,
      }),
    );
    await ok(await step(gsec, item.id, 'start'));
    await ok(
      await gsec.post(`/api/rectifications/${item.id}/evidence`, {
        kind: 'activity',
        recordId: ids.meetingA,
      }),
      201,
    );
    const d = (await gsec.get(`/api/rectifications/${item.id}`)).json() as RectificationDetail;
    await ok(await gsec.patch(`/api/rectifications/${item.id}`, { result: '已研究', version: d.version }));
    await ok(await step(gsec, item.id, 'submit'));
    const own = await step(gsec, item.id, 'verify');
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('中共测试学院委员会');
    expect((await secA.get(`/api/rectifications/${item.id}`)).statusCode).toBe(404);
    expect((await ok(await step(admin, item.id, 'verify'))).status).toBe('closed');
  });

  it('parallel steps: exactly one of two submits and of two verifications passes', async () => {
    const item = await readyToSubmit();
    const submits = await Promise.all([step(secA, item.id, 'submit'), step(secA, item.id, 'submit')]);
    expect(submits.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const verifies = await Promise.all([step(gsec, item.id, 'verify'), step(admin, item.id, 'verify')]);
    expect(verifies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await t.db
      .selectFrom('rectification_event')
      .select('kind')
      .where('rectification_id', '=', item.id)
      .where('kind', 'in', ['submit', 'verify'])
      .execute();
    expect(events).toHaveLength(2);
  });
});

describe('the tables', () => {
  it('the app role uses the new tables; the timeline is append-only for it', async () => {
    const item = await create(secA);
    await expect(
      sql`update rectification_event set note = 'x' where rectification_id = ${item.id}`.execute(t.db),
    ).rejects.toThrow(/permission denied/);
    await expect(
      sql`delete from rectification_event where rectification_id = ${item.id}`.execute(t.db),
    ).rejects.toThrow(/permission denied/);
    const n = await sql<{ n: number }>`select count(*)::int as n from rectification_event
      where rectification_id = ${item.id}`.execute(t.db);
    expect(n.rows[0]!.n).toBe(1);
  });
});

describe('editing', () => {
  it('the level above corrects the problem and deadline while pending; the branch does not', async () => {
    const item = await create(gsec);
    const branch = await secA.patch(`/api/rectifications/${item.id}`, {
      deadline: '2026-07-15',
      version: item.version,
    });
    expect(branch.statusCode).toBe(403);
    expect(branch.json().message).toBe('整改期限由上级党组织（信息学院党总支）修改');
    const moved = await ok(
      await gsec.patch(`/api/rectifications/${item.id}`, { deadline: '2026-07-15', version: item.version }),
    );
    expect(moved).toMatchObject({ deadline: '2026-07-15', originalDeadline: '2026-07-15' });
    const stale = await gsec.patch(`/api/rectifications/${item.id}`, {
      problem: '新问题描述',
      version: item.version,
    });
    expect(stale.statusCode).toBe(409);
    const gMeasures = await gsec.patch(`/api/rectifications/${item.id}`, {
      measures: '措施',
      version: moved.version,
    });
    expect(gMeasures.statusCode).toBe(403);
    const empty = await secA.patch(`/api/rectifications/${item.id}`, { version: moved.version });
    expect(empty.statusCode).toBe(400);
    const planned = await ok(
      await secA.patch(`/api/rectifications/${item.id}`, {
        measures: '建立制度并执行一学期',
        milestones: [
          { title: '建立支委会议事规则', dueOn: '2026-06-20', doneOn: '2026-06-14' },
          { title: '执行满一学期', dueOn: '2026-07-15' },
        ],
        responsiblePersonId: ids.a[1],
        assistingOrgIds: [],
        version: moved.version,
      }),
    );
    expect(planned.milestones).toHaveLength(2);
    expect(planned).toMatchObject({ nextDue: '2026-07-15', milestoneCount: 2, milestonesDone: 1 });
    expect(planned.responsiblePerson?.id).toBe(ids.a[1]);
    await ok(await step(secA, item.id, 'start'));
    const afterStart = await gsec.patch(`/api/rectifications/${item.id}`, {
      deadline: '2026-08-01',
      version: planned.version + 1,
    });
    expect(afterStart.statusCode).toBe(409);
  });

  it('evidence files only with a reason; contents judged by their bytes; removable before submitting', async () => {
    const item = await create(gsec);
    const upload = (name: string, body: Buffer, note = '线下签订的承诺书，平台无对应记录') =>
      t.app.inject({
        method: 'POST',
        url: `/api/rectifications/${item.id}/evidence/file?fileName=${encodeURIComponent(name)}&note=${encodeURIComponent(note)}`,
        headers: {
          cookie: secA.cookie,
          'x-csrf-token': secA.csrf,
          'content-type': 'application/octet-stream',
        },
        payload: body,
      });
    const exe = await upload('a.txt', Buffer.from('MZ\x90\x00 executable'));
    expect(exe.statusCode).toBe(415);
    const added = await upload('承诺书.txt', Buffer.from('承诺按月召开支委会'));
    expect(added.statusCode, added.body).toBe(201);
    const file = (added.json() as RectificationDetail).evidence.find((e) => e.kind === 'file')!;
    expect(file).toMatchObject({
      fileName: '承诺书.txt',
      path: null,
      note: '线下签订的承诺书，平台无对应记录',
    });
    const got = await secA.get(`/api/rectifications/${item.id}/evidence/${file.id}/file`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('承诺按月召开支委会');
    expect((await secB.get(`/api/rectifications/${item.id}/evidence/${file.id}/file`)).statusCode).toBe(404);
    const removed = await ok(await secA.delete(`/api/rectifications/${item.id}/evidence/${file.id}`));
    expect(removed.evidence).toEqual([]);
    expect(removed.events.at(-1)).toMatchObject({ kind: 'evidence_removed' });
    expect((await secA.delete(`/api/rectifications/${item.id}/evidence/${file.id}`)).statusCode).toBe(404);
  });

  it('a linked record outside the scope answers like a missing one, names included', async () => {
    const item = await create(gsec);
    for (const [kind, foreign] of [
      ['activity', ids.meetingB],
      ['term', ids.termB],
    ] as const) {
      const f = await secA.post(`/api/rectifications/${item.id}/evidence`, { kind, recordId: foreign });
      const m = await secA.post(`/api/rectifications/${item.id}/evidence`, { kind, recordId: missingId });
      expect(f.statusCode).toBe(404);
      expect(f.json()).toEqual(m.json());
      expect(f.body).not.toContain('乙支部');
    }
  });

  it('the overdue filter lists items past their next due date while still being rectified', async () => {
    const item = await create(gsec, { problem: '逾期测试问题' });
    const overdue = async () =>
      ((await gsec.get('/api/rectifications?overdue=true&pageSize=200')).json() as Page).items.map(
        (i) => i.id,
      );
    expect(await overdue()).not.toContain(item.id);
    // The deadline passed (written behind the API's back: a new deadline is never in the past).
    await t.db
      .updateTable('rectification')
      .set({ deadline: '2026-06-14' })
      .where('id', '=', item.id)
      .execute();
    expect(await overdue()).toContain(item.id);
    const detail = (await gsec.get(`/api/rectifications/${item.id}`)).json() as RectificationDetail;
    expect(detail).toMatchObject({ overdue: true, nextDue: '2026-06-14' });
    const found = (await gsec.get(`/api/rectifications?q=${encodeURIComponent('逾期测试')}`)).json() as Page;
    expect(found.items.map((i) => i.id)).toEqual([item.id]);
  });
});

describe('the board', () => {
  it('counts per 总支/直属支部, per source and in all; each count is the total of the list it stands for', async () => {
    const board = (await admin.get('/api/rectifications/board')).json() as RectificationBoard;
    const listTotal = async (q: string) =>
      ((await admin.get(`/api/rectifications?${q}&pageSize=1`)).json() as Page).total;
    expect(board.totals.total).toBe(await listTotal('page=1'));
    expect(board.totals.overdue).toBe(await listTotal('overdue=true'));
    expect(board.units.reduce((n, u) => n + u.total, 0)).toBe(board.totals.total);
    expect(board.sources.reduce((n, u) => n + u.total, 0)).toBe(board.totals.total);
    expect(board.units.map((u) => u.org.id)).toContain(tree.general.id);
    for (const u of board.units.filter((x) => !x.own)) {
      for (const status of ['pending', 'in_progress', 'submitted', 'closed'] as const)
        expect(u.byStatus[status], `${u.org.name} ${status}`).toBe(
          await listTotal(`orgId=${u.org.id}&status=${status}`),
        );
      expect(u.overdue).toBe(await listTotal(`orgId=${u.org.id}&overdue=true`));
    }
    for (const src of board.sources)
      expect(src.total, src.source).toBe(await listTotal(`source=${src.source}`));
    // Overdue first.
    const overdue = board.units.map((u) => u.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    // Another 总支's secretary sees only their own unit, never this one.
    const other = (await g2sec.get('/api/rectifications/board')).json() as RectificationBoard;
    expect(other.units.map((u) => u.org.id)).not.toContain(tree.general.id);
    expect((await member.get('/api/rectifications/board')).statusCode).toBe(403);
  });
});

describe('the 整改台账 (xlsx)', () => {
  it('prints the items the list selects, in its order, with source, measures, deadlines and status', async () => {
    const item = await create(gsec, { problem: '台账测试问题', measures: '按月召开支委会' });
    // The deadline passed and an extension was granted once, written behind the API's back.
    await t.db
      .updateTable('rectification')
      .set({ deadline: '2026-06-14', original_deadline: '2026-05-31', extensions: 1 })
      .where('id', '=', item.id)
      .execute();
    const res = await gsec.get(`/api/rectifications/ledger.xlsx?q=${encodeURIComponent('台账测试')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="rectifications-');
    const printed = await expectPrintReady(res.rawPayload, '整改台账');
    expect(printed.title).toBe('问题整改台账');
    const [header, ...rows] = printed.table;
    expect(header).toEqual(
      expect.arrayContaining(['序号', '整改单位', '问题', '整改措施', '状态', '销号日期']),
    );
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((h, i) => [String(h), rows[0]![i]]));
    expect(row).toMatchObject({
      问题: '台账测试问题',
      整改措施: '按月召开支委会',
      整改期限: '2026-06-14',
      原定期限: '2026-05-31（延期1次）',
      状态: '待整改',
      逾期: '逾期',
    });
    // The same scope as the list: another 总支's secretary finds nothing of it.
    const other = await g2sec.get(`/api/rectifications/ledger.xlsx?q=${encodeURIComponent('台账测试')}`);
    expect((await expectPrintReady(other.rawPayload, '整改台账')).table.slice(1)).toHaveLength(0);
    expect((await member.get('/api/rectifications/ledger.xlsx')).statusCode).toBe(403);
  });
});

describe('from a finding of 监测预警', () => {
  it('takes org, problem, clause, deadline and 责任人 from the finding; twice gives one open item', async () => {
    const alerts = (await admin.get(`/api/alerts?orgId=${tree.branchB.id}&orgOnly=true`)).json() as {
      items: { key: string; title: string; clause: { source: string; article: string }; orgId: number }[];
    };
    const finding = alerts.items[0]!;
    await ok(await admin.post(`/api/alerts/${finding.key}/assign`, { personId: ids.b }));
    // Out of scope: like a missing finding.
    const foreign = await secA.post(`/api/alerts/${finding.key}/rectification`, {});
    expect(foreign.statusCode).toBe(404);
    const [first, second] = await Promise.all([
      gsec.post(`/api/alerts/${finding.key}/rectification`, {}),
      secB.post(`/api/alerts/${finding.key}/rectification`, {}),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const created = (first.statusCode === 201 ? first : second).json() as RectificationDetail;
    const refused = (first.statusCode === 201 ? second : first).json();
    expect(refused.message).toContain(`编号 ${created.id}`);
    expect(created).toMatchObject({
      orgId: tree.branchB.id,
      source: 'finding',
      findingKey: finding.key,
      responsiblePerson: { id: ids.b, name: '乙支部党员' },
      deadline: '2026-07-15',
      status: 'pending',
    });
    expect(created.problem.startsWith(finding.title)).toBe(true);
    expect(created.clause).toContain(finding.clause.article);
    const again = await gsec.post(`/api/alerts/${finding.key}/rectification`, {});
    expect(again.statusCode).toBe(409);
    // The alert's page asks the list for the finding's items; each names its finding.
    const byKey = (
      await gsec.get(`/api/rectifications?findingKey=${encodeURIComponent(finding.key)}`)
    ).json() as Page;
    expect(byKey.items.map((i) => [i.id, i.findingKey, i.activityId])).toEqual([
      [created.id, finding.key, null],
    ]);
    const foreignKey = (
      await secA.get(`/api/rectifications?findingKey=${encodeURIComponent(finding.key)}`)
    ).json() as Page;
    expect(foreignKey.total).toBe(0);
    expect((await gsec.get('/api/rectifications?findingKey=not-a-key')).statusCode).toBe(400);
    const open = await t.db
      .selectFrom('rectification')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('finding_id', 'is not', null)
      .where('org_id', '=', tree.branchB.id)
      .executeTakeFirstOrThrow();
    expect(open.n).toBe(1);
  });

  it('a resolved finding is linked as evidence; an open one is not', async () => {
    const keys = (
      (await admin.get(`/api/alerts?orgId=${branchC}&orgOnly=true&state=all`)).json() as {
        items: { key: string; ruleId: string; state: string }[];
      }
    ).items;
    const tooFew = keys.find((k) => k.ruleId === 'branch.min_full_members')!;
    expect(tooFew.state).toBe('open');
    // The 总支's own item; the finding of its branch proves it.
    const item = await create(admin, { orgId: general2 });
    const open = await g2sec.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'finding',
      findingKey: tooFew.key,
    });
    expect(open.statusCode).toBe(422);
    // Three full members resolve it (the findings are brought up to date before the next request).
    await t.factory.people(branchC, 3);
    const linked = await ok(
      await g2sec.post(`/api/rectifications/${item.id}/evidence`, {
        kind: 'finding',
        findingKey: tooFew.key,
      }),
      201,
    );
    expect(linked.evidence[0]).toMatchObject({
      kind: 'finding',
      findingKey: tooFew.key,
      date: today,
      path: `/alerts/${encodeURIComponent(tooFew.key)}`,
    });
    expect(linked.evidence[0]!.title).toContain('机电教工党支部');
    const foreign = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'finding',
      findingKey: tooFew.key,
    });
    expect(foreign.statusCode).toBe(404);
  });
});
