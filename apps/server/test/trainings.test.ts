/**
 * Training (issue 18 items 6–7) through the API: who reaches the endpoints (401/403/cross-scope 404), a course with
 * sign-ins where absence over 1/7 of the hours does not count, external training proven by a certificate number or
 * (only then) a file, and never entered twice; each person's 学时 from courses, external training and recorded 党课 /
 * 主题党日 by the school's conversion; 我的学时; the findings of a member under 32 near the year end and of a new
 * secretary untrained at 6 months; the 学时 xlsx and the party-work incentives.
 */
import type { PersonTrainingHours, TrainingDetail, TrainingHoursRow } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-11-16T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let secA: Client;
let secB: Client;
let leader: Client;
let member: Client;
const p = {} as { m1: number; sec: number; m2: number; other: number };
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  p.m1 = await t.factory.person({ orgId: tree.branchA.id, name: '王学习' });
  p.sec = await t.factory.person({ orgId: tree.branchA.id, name: '李书记', isDualLeader: true });
  p.m2 = await t.factory.person({ orgId: tree.branchB.id, name: '赵同学', category: 'student' });
  p.other = await t.factory.person({ orgId: tree.other.id, name: '钱馆员' });
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2026-03-01',
    end: '2029-02-28',
    team: [{ personId: p.sec, post: 'secretary' }],
  });
  await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'lecture',
    onDate: '2026-04-10',
    title: '书记讲党课：学习贯彻党章',
    attendees: [
      { personId: p.m1, status: 'present' },
      { personId: p.sec, status: 'absent' },
    ],
  });
  await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'theme_day',
    onDate: '2026-05-10',
    title: '5月主题党日',
    segments: [
      { name: '学习', minutes: 60, content: null },
      { name: '实做', minutes: 60, content: null },
    ],
    attendees: [{ personId: p.m1, status: 'present' }],
  });
  await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'theme_day',
    onDate: '2026-06-10',
    title: '6月主题党日：志愿服务',
    segments: [{ name: '实做', minutes: 120, content: null }],
    attendees: [{ personId: p.m1, status: 'present' }],
  });
  [admin, secA, secB, leader, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }], { personId: p.m1 }),
  ]);
});
afterAll(() => t.close());

async function ok<T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const courseBody = (over: Record<string, unknown> = {}) => ({
  orgId: tree.branchA.id,
  title: '党支部书记和党务工作者培训班',
  targetGroup: 'party_worker',
  startsOn: '2026-07-06',
  endsOn: '2026-07-07',
  hours: 7,
  personIds: [p.m1, p.sec],
  ...over,
});
const hoursOf = async (c: Client, personId: number, year = 2026) =>
  ok<PersonTrainingHours>(await c.get(`/api/training-hours/${personId}?year=${year}`));

describe('who may reach the endpoints', () => {
  let course: TrainingDetail;
  beforeAll(async () => {
    course = await ok<TrainingDetail>(
      await secA.post('/api/trainings', courseBody({ title: '权限测试班' })),
      201,
    );
  });

  it('401 without a session, 403 for a member and for the 校领导 on writes, 404 out of scope', async () => {
    const endpoints = [
      { method: 'GET', url: '/api/trainings' },
      { method: 'POST', url: '/api/trainings', body: courseBody() },
      { method: 'GET', url: `/api/trainings/${course.id}` },
      { method: 'GET', url: '/api/training-hours' },
      { method: 'GET', url: '/api/training-hours.xlsx' },
      {
        method: 'POST',
        url: `/api/trainings/${course.id}/attendance`,
        body: { personId: p.m1, status: 'absent' },
      },
    ];
    for (const e of endpoints) {
      const anon = await t.app.inject({ method: e.method as 'GET', url: e.url, payload: e.body });
      expect(anon.statusCode, `${e.method} ${e.url}`).toBe(401);
      const m = e.method === 'GET' ? await member.get(e.url) : await member.post(e.url, e.body);
      expect(m.statusCode, `${e.method} ${e.url}`).toBe(403);
      if (e.method !== 'GET') expect((await leader.post(e.url, e.body)).statusCode).toBe(403);
    }
    expect((await leader.get('/api/training-incentives')).statusCode).toBe(200);
    expect((await secA.get('/api/training-incentives')).statusCode).toBe(403);
    // Another branch's secretary: the course, its people and the hours of a person out of scope answer as missing.
    expect((await secB.get(`/api/trainings/${course.id}`)).statusCode).toBe(404);
    expect((await secB.get(`/api/trainings/${missingId}`)).statusCode).toBe(404);
    expect((await secB.get(`/api/training-hours/${p.m1}`)).statusCode).toBe(404);
    expect(
      (await secB.post(`/api/trainings/${course.id}/attendance`, { personId: p.m1, status: 'absent' }))
        .statusCode,
    ).toBe(404);
    const foreignOrg = await secB.post(
      '/api/trainings',
      courseBody({ orgId: tree.branchA.id, personIds: [] }),
    );
    expect(foreignOrg.statusCode).toBe(404);
    const foreignPerson = await secA.post('/api/trainings', courseBody({ personIds: [p.other] }));
    expect(foreignPerson.statusCode).toBe(404);
    expect(foreignPerson.json()).toMatchObject({ message: '参训人员：不存在或不在您的管理范围内' });
    const missing = await secA.post('/api/trainings', courseBody({ personIds: [missingId] }));
    expect(missing.json()).toEqual(foreignPerson.json());
    expect((await secB.get(`/api/trainings?orgId=${tree.branchA.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const bad = await secA.post('/api/trainings', courseBody({ endsOn: '2026-07-01' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('结束日期');
    const half = await secA.post('/api/trainings', courseBody({ hours: 7.3 }));
    expect(half.statusCode).toBe(400);
    expect(half.json().message).toContain('学时');
  });
});

describe('a course: sign-in, absence and the 1/7 rule', () => {
  let course: TrainingDetail;
  it('counts the hours of one who missed 1 of 7, not of one who missed 1.5', async () => {
    course = await ok<TrainingDetail>(await secA.post('/api/trainings', courseBody()), 201);
    expect(course).toMatchObject({ enrolled: 2, present: 0, hours: 7, targetGroup: 'party_worker' });
    course = await ok<TrainingDetail>(
      await secA.post(`/api/trainings/${course.id}/attendance`, {
        personId: p.m1,
        status: 'present',
        absentHours: 1,
      }),
    );
    course = await ok<TrainingDetail>(
      await secA.post(`/api/trainings/${course.id}/attendance`, {
        personId: p.sec,
        status: 'present',
        absentHours: 1.5,
      }),
    );
    const byId = new Map(course.attendees.map((a) => [a.personId, a]));
    expect(byId.get(p.m1)).toMatchObject({ status: 'present', countedHours: 7, refusal: null });
    expect(byId.get(p.sec)).toMatchObject({ countedHours: 0 });
    expect(byId.get(p.sec)!.refusal).toContain('七分之一');
    const tooMany = await secA.post(`/api/trainings/${course.id}/attendance`, {
      personId: p.m1,
      status: 'present',
      absentHours: 8,
    });
    expect(tooMany.statusCode).toBe(400);
    const notOn = await secA.post(`/api/trainings/${course.id}/attendance`, {
      personId: p.m2,
      status: 'absent',
    });
    expect(notOn.statusCode).toBe(404);
    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'training.attendance')
      .execute();
    expect(log.filter((l) => l.target_id === String(course.id))).toHaveLength(2);
  });

  it('refuses a sign-in before the course starts', async () => {
    const later = await ok<TrainingDetail>(
      await secA.post(
        '/api/trainings',
        courseBody({ title: '12月专题培训', startsOn: '2026-12-10', endsOn: '2026-12-10' }),
      ),
      201,
    );
    const early = await secA.post(`/api/trainings/${later.id}/attendance`, {
      personId: p.m1,
      status: 'present',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('开始后');
  });
});

describe('external training', () => {
  it('counts with a certificate number; without one only once a file is uploaded; never twice', async () => {
    const body = {
      personId: p.m1,
      title: '全国党员教育网络培训',
      organiser: '共产党员网',
      startsOn: '2026-08-01',
      endsOn: '2026-08-20',
      hours: 8,
      certificateNo: 'GCD-2026-0001',
    };
    const withNo = await ok<{ id: number; proven: boolean }>(
      await secA.post('/api/external-trainings', body),
      201,
    );
    expect(withNo.proven).toBe(true);
    const twice = await secA.post('/api/external-trainings', body);
    expect(twice.statusCode).toBe(409);
    const noFileForNumber = await upload(withNo.id, '证书.pdf', Buffer.from('%PDF-1.4\n证书\n%%EOF'));
    expect(noFileForNumber.statusCode).toBe(409);

    const pending = await ok<{ id: number; proven: boolean }>(
      await secA.post('/api/external-trainings', {
        ...body,
        personId: p.sec,
        title: '省委党校基层党组织书记示范培训班',
        organiser: '省委组织部',
        // Ended more than 6 months after taking office (2026-03-01): it counts as hours, not as the new secretary's.
        startsOn: '2026-09-10',
        endsOn: '2026-09-20',
        hours: 24,
        certificateNo: null,
      }),
      201,
    );
    expect(pending.proven).toBe(false);
    expect((await hoursOf(secA, p.sec)).items.find((i) => i.source === 'external')).toMatchObject({
      counted: false,
      hours: 0,
    });
    expect((await upload(pending.id, 'a.pdf', Buffer.from('MZ\x90\x00 executable'))).statusCode).toBe(415);
    const done = await upload(pending.id, '结业证书.pdf', Buffer.from('%PDF-1.4\n结业证书\n%%EOF'));
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ proven: true, fileName: '结业证书.pdf' });
    expect((await upload(pending.id, '结业证书.pdf', Buffer.from('%PDF-1.4\nx\n%%EOF'))).statusCode).toBe(
      409,
    );
    const file = await secA.get(`/api/external-trainings/${pending.id}/certificate`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect((await secB.get(`/api/external-trainings/${pending.id}/certificate`)).statusCode).toBe(404);
  });
});

function upload(id: number, name: string, body: Buffer) {
  return t.app.inject({
    method: 'POST',
    url: `/api/external-trainings/${id}/certificate?fileName=${encodeURIComponent(name)}`,
    headers: { cookie: secA.cookie, 'x-csrf-token': secA.csrf, 'content-type': 'application/octet-stream' },
    payload: body,
  });
}

describe('hours per person from their sources', () => {
  it('adds the course, the external training, the 党课 and the study part of 主题党日, each once', async () => {
    const h = await hoursOf(secA, p.m1);
    expect(h.bySource).toEqual({ course: 7, external: 8, lecture: 2, theme_day: 1 });
    expect(h).toMatchObject({ total: 18, required: 32, short: 14, classes: ['member'] });
    expect(h.clause?.article).toBe('第二十条');
    expect(h.items.filter((i) => i.counted).map((i) => i.source)).toEqual([
      'lecture',
      'theme_day',
      'course',
      'external',
    ]);
    const sec = await hoursOf(secA, p.sec);
    expect(sec).toMatchObject({ classes: ['member', 'org_leader'], required: 56, total: 24 });
  });

  it('lists the scope in roster order with the deficit filter, and converts by the settings', async () => {
    const page = await ok<{ items: TrainingHoursRow[]; note: string }>(
      await secA.get('/api/training-hours?year=2026&deficit=true'),
    );
    expect(page.items.map((r) => r.personId).sort()).toEqual([p.m1, p.sec].sort());
    expect(page.note).toContain('干部');
    const leaders = await ok<{ items: TrainingHoursRow[] }>(
      await admin.get(`/api/training-hours?trainingClass=org_leader&orgId=${tree.general.id}`),
    );
    expect(leaders.items.map((r) => r.personId)).toEqual([p.sec]);
    const settings = await ok<Record<string, number>>(await admin.get('/api/settings/training'));
    expect(settings.lectureHours).toBe(2);
    await ok(await admin.put('/api/settings/training', { ...settings, lectureHours: 4 }));
    expect((await hoursOf(secA, p.m1)).total).toBe(20);
    const refused = await admin.put('/api/settings/training', { ...settings, reminderFromMonth: 3 });
    expect(refused.statusCode).toBe(400);
    await ok(await admin.put('/api/settings/training', settings));
  });

  it('shows a member their own hours with where each came from (我的学时)', async () => {
    const mine = await ok<PersonTrainingHours>(await member.get('/api/me/training-hours?year=2026'));
    expect(mine.personId).toBe(p.m1);
    expect(mine.items.find((i) => i.source === 'lecture')).toMatchObject({
      title: '书记讲党课：学习贯彻党章',
      hours: 2,
      organiser: '软件教工党支部',
    });
  });

  it('exports 学时 per person as xlsx with the list filters', async () => {
    const res = await secA.get('/api/training-hours.xlsx?year=2026');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: string[] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
    expect(rows[0]).toContain('2026年度党员学习培训学时登记表');
    expect(rows.some((r) => r.includes('王学习') && r.includes('|18|32|14'))).toBe(true);
  });
});

describe('findings and incentives', () => {
  it('finds the member under 32 in November and the secretary untrained 6 months after taking office', async () => {
    await evaluateAllFindings(t.db, clock, 'test');
    const findings = await t.db
      .selectFrom('finding')
      .select(['rule_id', 'org_id', 'person_id', 'state'])
      .where('state', '<>', 'resolved')
      .execute();
    const of = (rule: string) => findings.filter((f) => f.rule_id === rule).map((f) => f.person_id);
    expect(of('training.member_hours_short')).toContain(p.m1);
    expect(of('training.leader_hours_short')).toEqual([p.sec]);
    expect(of('training.new_secretary_untrained')).toEqual([p.sec]);
    const inbox = (await secA.get('/api/inbox')).json() as { items: { kind: string; title: string }[] };
    expect(inbox.items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['training.new_secretary', 'training.hours_short']),
    );
  });

  it('credits the secretary 10 service workload and the 双带头人 60 teaching hours, exported for HR', async () => {
    const r = await ok<{ items: { personId: number; workload: number; teachingReduction: number }[] }>(
      await admin.get('/api/training-incentives?year=2026'),
    );
    expect(r.items).toEqual([
      expect.objectContaining({ personId: p.sec, workload: 10, teachingReduction: 60 }),
    ]);
    const x = await admin.get('/api/training-incentives.xlsx?year=2026');
    expect(x.statusCode).toBe(200);
  });
});
