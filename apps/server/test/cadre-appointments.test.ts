/**
 * 中层干部选拔任用 (issue 18 item 2) through the API: the 组织部 runs a procedure from 动议 to 任职 and 转正 (the post goes
 * into the roster with the 党委's decision date, its 试用期 end and 文号), every refusal names its clause (2 years − 1
 * day as 副职, 破格 within a year, 公示 of 4 working days, 任职 before the notice is over, 转正 before the 试用期 ends, a
 * failed 政治素质考察), ids out of reach answer like missing, two parallel steps cannot both pass, 校领导 read only, a
 * secretary reaches nothing; the 待办, findings and settings; every write audited.
 */
import type { CadreAppointmentDetail, CadreDetail, InboxResponse } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { remindDeadlines } from '../src/modules/notifications/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

// 2026-11-16 is a Monday.
const clock = testClock(new Date('2026-11-16T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let zzb: Client;
let leader: Client;
let secA: Client;
const p = {} as { newcomer: number; deputy: number; recent: number; vetoed: number; race: number };
const ids = {} as { unit: number; meeting: number; branchMeeting: number };
const missing = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  const person = (name: string) => t.factory.person({ orgId: tree.branchA.id, name });
  p.newcomer = await person('林新任');
  p.deputy = await person('赵副职');
  p.recent = await person('钱破格');
  p.vetoed = await person('孙否决');
  p.race = await person('李并发');
  ids.unit = (
    await t.db
      .insertInto('unit')
      .values({ name: '机电工程学院', kind: 'college' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.meeting = await insertActivity(t.db, {
    orgId: tree.committee.id,
    kind: 'committee_meeting',
    onDate: '2026-11-13',
    title: '2026年第12次党委会',
  });
  ids.branchMeeting = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'committee_meeting',
    onDate: '2026-11-13',
    title: '软件教工党支部支委会',
  });
  [zzb, leader, secA] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
  ]);
  // 赵副职 has been 副职 since 2024-11-14: 2 years − 1 day on the 党委会 of 2026-11-13.
  // 钱破格 was promoted on 2026-01-01: within a year of it on 2026-11-13.
  for (const [personId, startOn] of [
    [p.deputy, '2024-11-14'],
    [p.recent, '2026-01-01'],
  ] as const) {
    const res = await zzb.post('/api/cadres', {
      personId,
      post: { unitId: ids.unit, title: '副院长', level: 'deputy', track: 'admin', startOn },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as CadreAppointmentDetail;
}
const motion = (personId: number, over: Record<string, unknown> = {}) =>
  zzb.post('/api/cadre-appointments', {
    personId,
    unitId: ids.unit,
    postTitle: '院长',
    level: 'principal',
    track: 'admin',
    ...over,
  });
const step = (
  c: Client,
  d: { id: number; version: number },
  s: string,
  facts: Record<string, unknown> = {},
) => c.post(`/api/cadre-appointments/${d.id}/steps`, { step: s, version: d.version, ...facts });
const passed = { vetoResults: { political: true, ethics: true } };

/** Brings a fresh 动议 up to 考察 passed. */
async function inspected(personId: number, over: Record<string, unknown> = {}) {
  let d = await ok(await motion(personId, over), 201);
  d = await ok(await step(zzb, d, 'recommend'));
  return ok(await step(zzb, d, 'inspect', passed));
}

describe('选拔任用 from 动议 to 转正', () => {
  let d: CadreAppointmentDetail;

  it('动议 of a person not yet a cadre, 民主推荐, 考察 and 党委讨论决定 at the 党委会 (its date the decision date)', async () => {
    d = await ok(await motion(p.newcomer, { level: 'deputy', postTitle: '副院长' }), 201);
    expect(d).toMatchObject({ status: 'motion', cadreId: null, allowedSteps: ['recommend', 'withdraw'] });
    expect(d.events.map((e) => e.kind)).toEqual(['created']);
    d = await ok(await step(zzb, d, 'recommend'));
    const noResult = await step(zzb, d, 'inspect', { vetoResults: { political: true } });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().message).toContain('师德师风');
    d = await ok(await step(zzb, d, 'inspect', passed));
    expect(d.status).toBe('inspected');
    const unlinked = await step(zzb, d, 'decide');
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.json().message).toContain('党委会');
    d = await ok(await step(zzb, d, 'decide', { meetingId: ids.meeting }));
    expect(d).toMatchObject({
      status: 'decided',
      decidedOn: '2026-11-13',
      meeting: { id: ids.meeting, onDate: '2026-11-13' },
      // No training in the year before: owed within a year after (条例第八条), not blocking.
      trainingDueOn: '2027-11-12',
      training: { hours: 0, required: 90, met: false },
    });
    expect(d.eligibility).toEqual([expect.objectContaining({ path: 'training', blocking: false })]);
  });

  it('任前公示: 4 working days refused (第四十一条), 5 accepted; 任职 refused until it is over', async () => {
    const four = await step(zzb, d, 'publish_notice', {
      noticeStartOn: '2026-11-17',
      noticeEndOn: '2026-11-20',
    });
    expect(four.statusCode).toBe(400);
    expect(four.json().message).toContain('第四十一条');
    d = await ok(
      await step(zzb, d, 'publish_notice', { noticeStartOn: '2026-11-17', noticeEndOn: '2026-11-23' }),
    );
    expect(d.status).toBe('notice');
    const early = await step(zzb, d, 'appoint', { documentNo: '院党委〔2026〕30号' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('公示期满后');
  });

  it('the day after the notice: 任职 is due (待办, finding); 任职 needs its 文号 and writes the post into the roster', async () => {
    clock.set(new Date('2026-11-24T04:00:00Z'));
    zzb = await t.as([{ role: 'org_admin', orgId: null }]);
    await evaluateAllFindings(t.db, clock, 'test');
    const inbox = ((await zzb.get('/api/inbox')).json() as InboxResponse).items.filter(
      (i) => i.link === `/cadre-appointments/${d.id}`,
    );
    expect(inbox.map((i) => i.kind)).toEqual(['cadre_appointment.appoint']);
    expect(await openFindings(d.id)).toEqual(['cadre_appointment.appoint_due']);
    const noDoc = await step(zzb, d, 'appoint');
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.json().message).toContain('任职文号');
    d = await ok(await step(zzb, d, 'appoint', { documentNo: '院党委〔2026〕30号' }));
    expect(d).toMatchObject({ status: 'probation', appointedOn: '2026-11-24', probationEndOn: '2027-11-12' });
    expect(d.cadreId).not.toBeNull();
    const cadre = (await zzb.get(`/api/cadres/${d.cadreId}`)).json() as CadreDetail;
    expect(cadre.currentPosts).toEqual([
      expect.objectContaining({
        title: '副院长',
        level: 'deputy',
        startOn: '2026-11-13',
        probationEndOn: '2027-11-12',
        termEndOn: '2031-11-12',
        documentNo: '院党委〔2026〕30号',
        inProbation: true,
      }),
    ]);
    const early = await step(zzb, d, 'confirm');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('第四十二条');
  });

  it('30 days before the 试用期 ends a reminder; after it 转正 is due (第四十二条); 转正 keeps the post', async () => {
    clock.set(new Date('2027-10-14T04:00:00Z'));
    zzb = await t.as([{ role: 'org_admin', orgId: null }]);
    await evaluateAllFindings(t.db, clock, 'test');
    expect(await openFindings(d.id)).toEqual(['cadre_appointment.probation_ending']);
    // Three days before the end the morning reminder goes to the 组织部, to the appointment; not to a secretary.
    clock.set(new Date('2027-11-10T04:00:00Z'));
    zzb = await t.as([{ role: 'org_admin', orgId: null }]);
    await evaluateAllFindings(t.db, clock, 'test');
    await remindDeadlines(t.db, clock);
    const messages = (
      (await zzb.get('/api/notifications?pageSize=100')).json() as { items: { kind: string; link: string }[] }
    ).items.filter((n) => n.link === `/cadre-appointments/${d.id}`);
    expect(messages.map((m) => m.kind)).toEqual(['deadline.soon']);
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const secMessages = (
      (await sec.get('/api/notifications?pageSize=100')).json() as { items: { link: string }[] }
    ).items.filter((n) => n.link.startsWith('/cadre-appointments'));
    expect(secMessages).toEqual([]);
    clock.set(new Date('2027-11-13T04:00:00Z'));
    zzb = await t.as([{ role: 'org_admin', orgId: null }]);
    await evaluateAllFindings(t.db, clock, 'test');
    // The training owed since 2026-11-13 was not done by 2027-11-12.
    expect((await openFindings(d.id)).sort()).toEqual([
      'cadre_appointment.probation_due',
      'cadre_appointment.training_owed',
    ]);
    const inbox = ((await zzb.get('/api/inbox')).json() as InboxResponse).items.filter(
      (i) => i.link === `/cadre-appointments/${d.id}`,
    );
    expect(inbox.map((i) => i.kind).sort()).toEqual([
      'cadre_appointment.probation',
      'cadre_appointment.training',
    ]);
    d = await ok(await zzb.get(`/api/cadre-appointments/${d.id}`));
    d = await ok(await step(zzb, d, 'confirm'));
    expect(d.status).toBe('confirmed');
    expect(d.events.map((e) => e.kind)).toEqual([
      'created',
      'recommend',
      'inspect',
      'decide',
      'publish_notice',
      'appoint',
      'confirm',
    ]);
    const cadre = (await zzb.get(`/api/cadres/${d.cadreId}`)).json() as CadreDetail;
    expect(cadre.currentPosts).toHaveLength(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'cadre_appointment')
      .where('target_id', '=', String(d.id))
      .execute();
    expect(audit.map((a) => a.action).filter((a) => a === 'cadre_appointment.step')).toHaveLength(6);
  });
});

describe('back to 2026-11-16', () => {
  it('signs in again after the clock moved', async () => {
    clock.set(new Date('2026-11-16T04:00:00Z'));
    [zzb, leader, secA] = await Promise.all([
      t.as([{ role: 'org_admin', orgId: null }]),
      t.as([{ role: 'school_leader', orgId: null }]),
      t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    ]);
  });
});

async function openFindings(id: number): Promise<string[]> {
  const rows = await t.db
    .selectFrom('finding')
    .select(['rule_id', 'state', 'subject'])
    .where('subject', 'like', `cadre-appointment-${id}%`)
    .execute();
  return rows.filter((r) => r.state !== 'resolved').map((r) => r.rule_id);
}

describe('refusals, each with its clause', () => {
  it('副职 → 正职 after 2 years − 1 day as 副职 is refused at the decision (第八条)', async () => {
    const d = await inspected(p.deputy);
    // On today (2026-11-16) 2 years are reached; on the 党委会's day (2026-11-13) they are not.
    expect(d.eligibility.filter((e) => e.blocking)).toEqual([]);
    const res = await step(zzb, d, 'decide', { meetingId: ids.meeting });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第八条');
    expect(res.json().details.fields).toEqual([expect.objectContaining({ path: 'postLevel' })]);
    await ok(await step(zzb, d, 'withdraw', { reason: '任职年限不足' }));
  });

  it('破格 within a year of the last promotion is refused (第九条)', async () => {
    const d = await inspected(p.recent, { exceptional: true });
    const res = await step(zzb, d, 'decide', { meetingId: ids.meeting });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第九条');
    const noReason = await step(zzb, d, 'withdraw');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('理由');
    await ok(await step(zzb, d, 'withdraw', { reason: '不符合破格条件' }));
  });

  it('a failed 政治素质考察 vetoes; nothing follows', async () => {
    let d = await ok(await motion(p.vetoed), 201);
    d = await ok(await step(zzb, d, 'recommend'));
    d = await ok(await step(zzb, d, 'inspect', { vetoResults: { political: false, ethics: true } }));
    expect(d).toMatchObject({ status: 'vetoed', allowedSteps: [], vetoResults: { political: false } });
    const after = await step(zzb, d, 'decide', { meetingId: ids.meeting });
    expect(after.statusCode).toBe(409);
  });

  it('the meeting must be a 党委会 of the 党委; a missing one answers like missing', async () => {
    let d = await ok(await motion(p.race, { level: 'deputy' }), 201);
    d = await ok(await step(zzb, d, 'recommend'));
    d = await ok(await step(zzb, d, 'inspect', passed));
    const branch = await step(zzb, d, 'decide', { meetingId: ids.branchMeeting });
    expect(branch.statusCode).toBe(400);
    expect(branch.json().message).toContain('党委会');
    expect((await step(zzb, d, 'decide', { meetingId: missing })).statusCode).toBe(404);
    expect(
      (await step(zzb, d, 'decide', { meetingId: ids.meeting, version: d.version + 5 })).statusCode,
    ).toBe(409);
  });

  it('missing person or unit answer like missing; one open procedure per person', async () => {
    expect((await motion(missing)).statusCode).toBe(404);
    expect((await motion(p.vetoed, { unitId: missing })).statusCode).toBe(404);
    const twice = await motion(p.race);
    expect(twice.statusCode).toBe(409);
    expect((await zzb.get(`/api/cadre-appointments/${missing}`)).statusCode).toBe(404);
    expect((await step(zzb, { id: missing, version: 0 }, 'recommend')).statusCode).toBe(404);
  });
});

describe('concurrency and who reaches it', () => {
  it('two parallel steps at the same version: one passes, the other is refused', async () => {
    const p2 = await t.factory.person({ orgId: tree.branchB.id, name: '周并发' });
    const d = await ok(await motion(p2, { level: 'deputy' }), 201);
    const [a, b] = await Promise.all([
      step(zzb, d, 'recommend'),
      step(zzb, d, 'withdraw', { reason: '并发' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const now = await ok(await zzb.get(`/api/cadre-appointments/${d.id}`));
    expect(now.events).toHaveLength(2);
  });

  it('校领导 read and take no step; a secretary reaches nothing', async () => {
    const list = await leader.get('/api/cadre-appointments');
    expect(list.statusCode).toBe(200);
    const first = (list.json() as { items: { id: number }[] }).items[0]!;
    const d = await ok(await leader.get(`/api/cadre-appointments/${first.id}`));
    expect(d).toMatchObject({ canManage: false, allowedSteps: [] });
    expect((await step(leader, d, 'withdraw', { reason: 'x' })).statusCode).toBe(403);
    expect((await leader.post('/api/cadre-appointments', { personId: p.vetoed })).statusCode).toBe(403);
    expect((await secA.get('/api/cadre-appointments')).statusCode).toBe(403);
    expect((await secA.get(`/api/cadre-appointments/${first.id}`)).statusCode).toBe(403);
    expect((await secA.get('/api/inbox')).json()).toMatchObject({
      items: expect.not.arrayContaining([expect.objectContaining({ kind: 'cadre_appointment.appoint' })]),
    });
  });

  it('filters: status, level, due, name', async () => {
    const names = async (q: string) =>
      ((await zzb.get(`/api/cadre-appointments${q}`)).json() as { items: { name: string }[] }).items.map(
        (i) => i.name,
      );
    expect(await names('?status=vetoed')).toEqual(['孙否决']);
    expect(await names('?q=林新')).toEqual(['林新任']);
    expect(await names('?due=true')).toEqual([]);
  });
});

describe('settings', () => {
  it('the school may be stricter, never laxer: 公示 of 7 working days then refuses 6', async () => {
    const get = await zzb.get('/api/settings/cadre-appointments');
    const stored = get.json() as Record<string, unknown>;
    expect(stored).toEqual({
      deputyYearsBeforePrincipal: 2,
      noticeWorkingDays: 5,
      probationMonths: 12,
      politicalVeto: true,
      ethicsVeto: true,
    });
    const lax = await zzb.put('/api/settings/cadre-appointments', { ...stored, noticeWorkingDays: 4 });
    expect(lax.statusCode).toBe(400);
    expect(lax.json().message).toContain('任前公示工作日数');
    expect(
      (await zzb.put('/api/settings/cadre-appointments', { ...stored, noticeWorkingDays: 7 })).statusCode,
    ).toBe(200);
    const p3 = await t.factory.person({ orgId: tree.other.id, name: '吴严格' });
    let d = await inspected(p3, { level: 'deputy' });
    d = await ok(await step(zzb, d, 'decide', { meetingId: ids.meeting }));
    expect(d.noticeWorkingDays).toBe(7);
    // Tue 11-17 .. Tue 11-24 = 6 working days.
    const six = await step(zzb, d, 'publish_notice', {
      noticeStartOn: '2026-11-17',
      noticeEndOn: '2026-11-24',
    });
    expect(six.statusCode).toBe(400);
    expect(six.json().message).toContain('不少于7个工作日');
    expect((await leader.put('/api/settings/cadre-appointments', get.json())).statusCode).toBe(403);
    expect((await zzb.put('/api/settings/cadre-appointments', get.json())).statusCode).toBe(200);
  });
});
