/**
 * Terms and rotation of 中层干部 (issue 18 item 3) and the roster's privacy (item 8) through the API: a 交流/轮岗
 * ends the old post and starts the new one at once, kept as history; a reappointment after two consecutive terms
 * is refused with its clause; the term settings; the findings on the 党委 (10 years in post, 6 months ahead; a
 * term ended), the 组织部's 待办 and reminders, none of it for a secretary; the training classes the roster gives.
 */
import type { CadreDetail, PersonTrainingHours, TrainingHoursRow } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { remindCadreTerms } from '../src/modules/cadres/jobs.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-11-16T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let leader: Client;
let secA: Client;
let general: Client;
const p = {} as { dean: number; secretary: number; other: number; veteran: number };
const u = {} as { college: number; office: number };
const c = {} as { dean: number; veteran: number };

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  p.dean = await t.factory.person({ orgId: tree.branchA.id, name: '孙院长' });
  await t.db
    .updateTable('person')
    .set({ id_number: '110101198001011234', phone: '13912345678' })
    .where('id', '=', p.dean)
    .execute();
  p.secretary = await t.factory.person({ orgId: tree.branchA.id, name: '钱书记' });
  p.other = await t.factory.person({ orgId: tree.branchB.id, name: '李部长' });
  p.veteran = await t.factory.person({ orgId: tree.branchB.id, name: '周处长' });
  const insert = (name: string, kind: 'college' | 'department') =>
    t.db.insertInto('unit').values({ name, kind }).returning('id').executeTakeFirstOrThrow();
  u.college = (await insert('机电工程学院', 'college')).id;
  u.office = (await insert('教务处', 'department')).id;
  [admin, leader, secA, general] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
  ]);
});
afterAll(() => t.close());

const post = (over: Record<string, unknown> = {}) => ({
  unitId: u.college,
  title: '院长',
  level: 'principal',
  track: 'admin',
  documentNo: '院党委〔2016〕3号',
  startOn: '2016-07-01',
  probationEndOn: null,
  termEndOn: '2021-06-30',
  ...over,
});

async function detail(id: number): Promise<CadreDetail> {
  return (await admin.get(`/api/cadres/${id}`)).json() as CadreDetail;
}

describe('reappointment and terms', () => {
  it('a first reappointment is allowed; after two consecutive terms in the post it is refused with its clause', async () => {
    const res = await admin.post('/api/cadres', { personId: p.dean, post: post() });
    expect(res.statusCode, res.body).toBe(201);
    c.dean = (res.json() as CadreDetail).id;
    let d = await detail(c.dean);
    const first = d.currentPosts[0]!;
    const ended = await admin.patch(`/api/cadres/${c.dean}`, {
      version: d.version,
      endPost: { postId: first.id, endOn: '2021-06-30', reason: '任期届满' },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    d = ended.json() as CadreDetail;
    const again = await admin.patch(`/api/cadres/${c.dean}`, {
      version: d.version,
      addPost: post({ startOn: '2021-07-01', termEndOn: '2026-06-30', documentNo: '院党委〔2021〕8号' }),
    });
    expect(again.statusCode, again.body).toBe(200);
    d = again.json() as CadreDetail;
    const second = d.currentPosts[0]!;
    expect(second).toMatchObject({ inPostSince: '2016-07-01', consecutiveTerms: 2, term: 'expired' });
    expect(second.rotationDueOn).toBe('2026-07-01');
    expect(second.rotation).toBe('due');
    const third = await admin.patch(`/api/cadres/${c.dean}`, {
      version: d.version,
      addPost: post({ startOn: '2026-07-01', termEndOn: '2031-06-30' }),
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toContain('连续任职已满2个任期');
    expect(third.json().message).toContain('党政领导干部职务任期暂行规定');
    expect((await detail(c.dean)).version).toBe(d.version);
  });
});

describe('rotation', () => {
  it('交流 ends the old post and starts the new one at once, with its history', async () => {
    const d = await detail(c.dean);
    const from = d.currentPosts[0]!;
    const body = {
      version: d.version,
      fromPostId: from.id,
      kind: 'exchange',
      onDate: '2026-11-10',
      documentNo: '院党委〔2026〕30号',
      to: post({
        unitId: u.office,
        title: '处长',
        startOn: '2026-11-10',
        termEndOn: '2031-11-09',
        probationEndOn: null,
        documentNo: '院党委〔2026〕30号',
      }),
    };
    const stale = await admin.post(`/api/cadres/${c.dean}/rotations`, { ...body, version: d.version + 5 });
    expect(stale.statusCode).toBe(409);
    const res = await admin.post(`/api/cadres/${c.dean}/rotations`, body);
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json() as CadreDetail;
    expect(after.currentPosts.map((x) => x.title)).toEqual(['处长']);
    expect(after.posts.find((x) => x.id === from.id)).toMatchObject({
      endOn: '2026-11-10',
      endReason: '交流（院党委〔2026〕30号）',
    });
    expect(after.rotations).toEqual([
      expect.objectContaining({
        kind: 'exchange',
        onDate: '2026-11-10',
        fromPost: '机电工程学院院长',
        toPost: '教务处处长',
        documentNo: '院党委〔2026〕30号',
      }),
    ]);
    expect(after.currentPosts[0]).toMatchObject({ rotation: 'ok', inPostSince: '2026-11-10' });
    expect(res.body).not.toContain('110101198001011234');
    expect(res.body).not.toContain('13912345678');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'cadre.rotate')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('交流');
  });

  it('refuses a post no longer held, another cadre’s post, the same post, a date before the start — changing nothing', async () => {
    const d = await detail(c.dean);
    const current = d.currentPosts[0]!;
    const old = d.posts.find((x) => x.endOn !== null)!;
    const base = {
      version: d.version,
      fromPostId: current.id,
      kind: 'rotation',
      onDate: '2026-11-12',
      to: post({
        unitId: u.office,
        title: '副处长',
        level: 'deputy',
        startOn: '2026-11-12',
        termEndOn: null,
      }),
    };
    const ended = await admin.post(`/api/cadres/${c.dean}/rotations`, { ...base, fromPostId: old.id });
    expect(ended.statusCode).toBe(404);
    expect(ended.json().message).toContain('原任职务');
    const other = await admin.post('/api/cadres', {
      personId: p.other,
      post: post({
        unitId: u.office,
        title: '副处长',
        level: 'deputy',
        startOn: '2024-01-01',
        termEndOn: null,
      }),
    });
    const otherPost = (other.json() as CadreDetail).currentPosts[0]!;
    expect(
      (await admin.post(`/api/cadres/${c.dean}/rotations`, { ...base, fromPostId: otherPost.id })).statusCode,
    ).toBe(404);
    const same = await admin.post(`/api/cadres/${c.dean}/rotations`, {
      ...base,
      to: post({ unitId: u.office, title: '处长', startOn: '2026-11-12' }),
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toContain('新任职务');
    const early = await admin.post(`/api/cadres/${c.dean}/rotations`, {
      ...base,
      onDate: '2026-11-01',
      to: { ...base.to, startOn: '2026-11-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('交流轮岗日期');
    const mismatch = await admin.post(`/api/cadres/${c.dean}/rotations`, { ...base, onDate: '2026-11-13' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().message).toContain('任职日期');
    const after = await detail(c.dean);
    expect(after.version).toBe(d.version);
    expect(after.rotations).toHaveLength(1);
    expect(after.posts).toHaveLength(d.posts.length);
  });
});

describe('settings, findings, 待办 and reminders', () => {
  it('term settings: the 组织部 sets them, 校领导 read them, a secretary neither', async () => {
    const s = await admin.get('/api/settings/cadre-terms');
    expect(s.json()).toEqual({ termYears: 5, maxConsecutiveTerms: 2, rotationYears: 10, reminderMonths: 6 });
    expect((await leader.get('/api/settings/cadre-terms')).statusCode).toBe(200);
    expect((await leader.put('/api/settings/cadre-terms', s.json())).statusCode).toBe(403);
    expect((await secA.get('/api/settings/cadre-terms')).statusCode).toBe(403);
    const bad = await admin.put('/api/settings/cadre-terms', { ...(s.json() as object), rotationYears: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('同一职位任职满多少年应当交流');
  });

  it('10 years in one post: due, and 6 months ahead a reminder — on the 党委, for the 组织部 only', async () => {
    const v = await admin.post('/api/cadres', {
      personId: p.veteran,
      post: post({ title: '党总支书记', track: 'party', startOn: '2016-11-16', termEndOn: null }),
    });
    c.veteran = (v.json() as CadreDetail).id;
    expect((v.json() as CadreDetail).currentPosts[0]!.rotation).toBe('due');
    const soon = await admin.post('/api/cadres', {
      personId: p.secretary,
      post: post({ title: '副院长', level: 'deputy', startOn: '2017-05-16', termEndOn: null }),
    });
    expect((soon.json() as CadreDetail).currentPosts[0]!.rotation).toBe('reminder');
    await evaluateAllFindings(t.db, clock, 'test');
    const findings = (
      await t.db
        .selectFrom('finding')
        .select(['rule_id', 'org_id', 'person_id', 'due_date'])
        .where('state', '<>', 'resolved')
        .execute()
    ).filter((f) => f.rule_id.startsWith('cadre.'));
    const of = (rule: string) =>
      findings
        .filter((f) => f.rule_id === rule)
        .map((f) => f.person_id)
        .sort();
    expect(of('cadre.rotation_due')).toEqual([p.veteran]);
    expect(of('cadre.rotation_soon')).toEqual([p.secretary]);
    expect(new Set(findings.map((f) => f.org_id))).toEqual(new Set([tree.committee.id]));
    const filter = '/api/alerts?ruleId=cadre.rotation_due';
    expect(((await admin.get(filter)).json() as { total: number }).total).toBe(1);
    expect(((await leader.get(filter)).json() as { total: number }).total).toBe(1);
    const sec = await general.get(filter);
    expect(sec.statusCode === 403 || (sec.json() as { total: number }).total === 0).toBe(true);

    const inbox = (await admin.get('/api/inbox')).json() as { items: { kind: string; link: string }[] };
    expect(
      inbox.items
        .filter((i) => i.kind === 'cadre.rotation')
        .map((i) => i.link)
        .sort(),
    ).toEqual([`/cadres/${c.veteran}`, `/cadres/${(soon.json() as CadreDetail).id}`].sort());
    for (const cl of [leader, secA, general]) {
      const items = ((await cl.get('/api/inbox')).json() as { items: { kind: string }[] }).items;
      expect(items.filter((i) => i.kind.startsWith('cadre.'))).toEqual([]);
    }
  });

  it('the morning reminder tells the 组织部 once, to the cadre’s file', async () => {
    expect(await remindCadreTerms(t.db, clock)).toBeGreaterThan(0);
    const count = async () =>
      (
        await t.db
          .selectFrom('notification')
          .select(['user_id', 'kind', 'link'])
          .where('kind', 'in', ['cadre.rotation', 'cadre.term'])
          .execute()
      ).length;
    const n = await count();
    expect(n).toBeGreaterThan(0);
    const rows = await t.db
      .selectFrom('notification')
      .select(['user_id', 'link'])
      .where('kind', '=', 'cadre.rotation')
      .execute();
    expect(rows.map((r) => r.user_id)).toContain(admin.me!.user.id);
    expect(rows.map((r) => r.user_id)).not.toContain(leader.me!.user.id);
    expect(rows.map((r) => r.link)).toContain(`/cadres/${c.veteran}`);
    await remindCadreTerms(t.db, clock);
    expect(await count()).toBe(n);
  });

  it('the settings move the rotation day', async () => {
    const s = (await admin.get('/api/settings/cadre-terms')).json() as Record<string, number>;
    const put = await admin.put('/api/settings/cadre-terms', { ...s, rotationYears: 12 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await detail(c.veteran)).currentPosts[0]!.rotation).toBe('ok');
    await admin.put('/api/settings/cadre-terms', s);
    expect((await detail(c.veteran)).currentPosts[0]!.rotation).toBe('due');
  });
});

describe('privacy', () => {
  it('only the 组织部 and 校领导 read cadre files; a secretary gets nothing of the roster', async () => {
    expect((await leader.get(`/api/cadres/${c.dean}`)).statusCode).toBe(200);
    const body = { version: 0, fromPostId: 1, kind: 'exchange', onDate: '2026-11-10', to: post() };
    expect((await leader.post(`/api/cadres/${c.dean}/rotations`, body)).statusCode).toBe(403);
    for (const cl of [secA, general]) {
      expect((await cl.get('/api/cadres')).statusCode).toBe(403);
      expect((await cl.get(`/api/cadres/${c.dean}`)).statusCode).toBe(403);
      expect((await cl.post(`/api/cadres/${c.dean}/rotations`, body)).statusCode).toBe(403);
    }
    const list = await admin.get('/api/cadres');
    expect(list.body).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
  });
});

describe('training classes from the roster', () => {
  it('a current cadre is held to 90 a year (89 short, 90 met); a 县处级 post adds the 550-in-5-years class', async () => {
    const hours = async () =>
      (await admin.get('/api/training-hours?year=2026&pageSize=100')).json() as {
        items: TrainingHoursRow[];
        note: string;
      };
    const row = async (personId: number) => (await hours()).items.find((r) => r.personId === personId)!;
    expect((await row(p.veteran)).classes).toEqual(['member', 'cadre']);
    expect(await row(p.veteran)).toMatchObject({ required: 90, requiredClass: 'cadre', short: 90 });
    const add = (personId: number, hrs: number, no: string) =>
      admin.post('/api/external-trainings', {
        personId,
        title: `干部网络学院专题培训${no}`,
        organiser: '省干部网络学院',
        startsOn: '2026-03-01',
        endsOn: '2026-06-30',
        hours: hrs,
        certificateNo: no,
      });
    expect((await add(p.veteran, 89, 'GB-1')).statusCode).toBe(201);
    expect((await row(p.veteran)).short).toBe(1);
    expect((await add(p.veteran, 1, 'GB-2')).statusCode).toBe(201);
    expect((await row(p.veteran)).short).toBe(0);
    // The rank of a post: 县处级.
    const d = await detail(c.veteran);
    const res = await admin.patch(`/api/cadres/${c.veteran}`, {
      version: d.version,
      addPost: post({
        unitId: u.office,
        title: '处长',
        startOn: '2026-09-01',
        termEndOn: null,
        countyLevel: true,
      }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await row(p.veteran)).classes).toEqual(['member', 'cadre', 'senior_cadre']);
    expect((await hours()).note).toContain('干部名册');
    expect((await row(p.secretary)).classes).toContain('cadre');
  });

  it('a 县处级 cadre: 学时 over 2022–2026 against 550 (549.5 short — external training is kept in halves — 550 met), 2021 not counted, the yearly 90 kept', async () => {
    const row = async (year = 2026) =>
      (
        (await admin.get(`/api/training-hours?year=${year}&pageSize=100`)).json() as {
          items: TrainingHoursRow[];
        }
      ).items.find((r) => r.personId === p.veteran)!;
    const add = (endsOn: string, hrs: number, no: string) =>
      admin.post('/api/external-trainings', {
        personId: p.veteran,
        title: `县处级干部调训${no}`,
        organiser: '省委党校',
        startsOn: `${endsOn.slice(0, 4)}-01-01`,
        endsOn,
        hours: hrs,
        certificateNo: no,
      });
    // 90 in 2026 from the test above; 2021 is outside the window, 2022–2025 inside.
    for (const [endsOn, hrs, no] of [
      ['2021-12-31', 100, 'DX-2021'],
      ['2022-01-01', 110, 'DX-2022'],
      ['2023-06-30', 110, 'DX-2023'],
      ['2024-06-30', 110, 'DX-2024'],
      ['2025-12-31', 129.5, 'DX-2025'],
    ] as const) {
      const res = await add(endsOn, hrs, no);
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await row()).toMatchObject({
      total: 90,
      required: 90,
      requiredClass: 'cadre',
      short: 0,
      window: { fromYear: 2022, toYear: 2026, hours: 549.5, required: 550, short: 0.5 },
    });
    // The 县处级 post began in 2026: in 2025 he was not in the class.
    expect((await row(2025)).window).toBeNull();
    const deficit = (await admin.get('/api/training-hours?year=2026&deficit=true&pageSize=100')).json() as {
      items: TrainingHoursRow[];
    };
    expect(deficit.items.map((r) => r.personId)).toContain(p.veteran);
    const person = (
      await admin.get(`/api/training-hours/${p.veteran}?year=2026`)
    ).json() as PersonTrainingHours;
    expect(person.window).toMatchObject({ hours: 549.5, short: 0.5 });
    const ledger = await admin.get('/api/training-hours.xlsx?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.worksheets[0]!.eachRow((r) => lines.push((r.values as unknown[]).slice(1).join('|')));
    expect(lines.some((l) => l.includes('近5年学时（县处级）'))).toBe(true);
    expect(lines.find((l) => l.includes('周处长'))).toContain('2022—2026年 549.5 / 550，尚差 0.5');

    const open = async () => {
      await evaluateAllFindings(t.db, clock, 'test');
      return (
        await t.db
          .selectFrom('finding')
          .select(['rule_id', 'person_id'])
          .where('state', '<>', 'resolved')
          .where('person_id', '=', p.veteran)
          .execute()
      ).map((f) => f.rule_id);
    };
    const before = await open();
    expect(before).toContain('training.senior_cadre_hours_short');
    expect(before).not.toContain('training.cadre_hours_short');
    expect((await add('2022-06-30', 0.5, 'DX-2022-2')).statusCode).toBe(201);
    expect((await row()).window).toMatchObject({ hours: 550, short: 0 });
    expect(await open()).not.toContain('training.senior_cadre_hours_short');
  });
});
