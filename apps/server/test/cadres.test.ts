/**
 * The 中层干部 roster (issue 18 item 1) through the API: only the 组织部 and 校领导 read cadre files (a secretary gets
 * the answer of a missing route), only the 组织部 writes; a cadre may be a non-member; posts with their history;
 * 交叉任职; filters; optimistic concurrency; every write audited; answers carry no ID number or phone.
 */
import type { CadreDetail } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-11-16T04:00:00Z'));
let t: TestApp;
let admin: Client;
let leader: Client;
let secA: Client;
const p = {} as { member: number; nonMember: number };
const u = {} as { college: number; office: number };

beforeAll(async () => {
  t = await createTestApp({ clock });
  const tree = await t.factory.tree();
  p.member = await t.factory.person({ orgId: tree.branchA.id, name: '周书记' });
  p.nonMember = (
    await t.db
      .insertInto('person')
      .values({ name: '吴院长', category: 'staff', party_status: null, org_id: null, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const insert = (name: string, kind: 'college' | 'department') =>
    t.db.insertInto('unit').values({ name, kind }).returning('id').executeTakeFirstOrThrow();
  u.college = (await insert('机电工程学院', 'college')).id;
  u.office = (await insert('党委组织部', 'department')).id;
  [admin, leader, secA] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
  ]);
});
afterAll(() => t.close());

const post = (over: Record<string, unknown> = {}) => ({
  unitId: u.college,
  title: '党总支书记',
  level: 'principal',
  track: 'party',
  documentNo: '院党委〔2026〕12号',
  startOn: '2026-03-01',
  probationEndOn: '2027-02-28',
  termEndOn: '2031-02-28',
  ...over,
});

describe('cadre roster', () => {
  let id: number;
  it('the 组织部 adds a cadre with a post; the answer names no ID number or phone', async () => {
    const res = await admin.post('/api/cadres', { personId: p.member, post: post() });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as CadreDetail;
    id = d.id;
    expect(d.currentPosts).toHaveLength(1);
    expect(d.currentPosts[0]).toMatchObject({ unitName: '机电工程学院', inProbation: true, yearsInPost: 0 });
    expect(d.isMember).toBe(true);
    expect(res.body).not.toMatch(/\d{17}[\dX]|1\d{10}/);
  });

  it('the same person twice is a conflict; an unknown unit or person answers like missing', async () => {
    expect((await admin.post('/api/cadres', { personId: p.member, post: post() })).statusCode).toBe(409);
    const noUnit = await admin.post('/api/cadres', {
      personId: p.nonMember,
      post: post({ unitId: 2_000_000_000 }),
    });
    expect(noUnit.statusCode).toBe(404);
    expect(noUnit.json().message).toContain('单位');
    expect((await admin.post('/api/cadres', { personId: 2_000_000_000, post: post() })).statusCode).toBe(404);
    const bad = await admin.post('/api/cadres', {
      personId: p.nonMember,
      post: post({ probationEndOn: '2026-01-01' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('试用期满日期');
  });

  it('a second current post is 交叉任职; ending a post keeps it as history', async () => {
    const v0 = (await admin.get(`/api/cadres/${id}`)).json() as CadreDetail;
    const add = await admin.patch(`/api/cadres/${id}`, {
      version: v0.version,
      addPost: post({
        title: '副院长',
        level: 'deputy',
        track: 'admin',
        startOn: '2026-04-01',
        probationEndOn: null,
      }),
    });
    expect(add.statusCode, add.body).toBe(200);
    const d1 = add.json() as CadreDetail;
    expect(d1.concurrent).toBe(true);
    const stale = await admin.patch(`/api/cadres/${id}`, { version: v0.version, note: '过期版本' });
    expect(stale.statusCode).toBe(409);
    const deputy = d1.currentPosts.find((x) => x.title === '副院长')!;
    const end = await admin.patch(`/api/cadres/${id}`, {
      version: d1.version,
      endPost: { postId: deputy.id, endOn: '2026-10-31', reason: '交流到其他单位' },
    });
    expect(end.statusCode, end.body).toBe(200);
    const d2 = end.json() as CadreDetail;
    expect(d2.concurrent).toBe(false);
    expect(d2.posts).toHaveLength(2);
    expect(d2.posts.find((x) => x.id === deputy.id)).toMatchObject({
      endOn: '2026-10-31',
      endReason: '交流到其他单位',
    });
    const again = await admin.patch(`/api/cadres/${id}`, {
      version: d2.version,
      endPost: { postId: deputy.id, endOn: '2026-11-01', reason: '重复' },
    });
    expect(again.statusCode).toBe(400);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['cadre.create', 'cadre.update'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['cadre.create', 'cadre.update', 'cadre.update']);
  });

  it('a non-member may be a cadre; filters read the current posts', async () => {
    const res = await admin.post('/api/cadres', {
      personId: p.nonMember,
      post: post({
        unitId: u.office,
        title: '副部长',
        level: 'deputy',
        track: 'admin',
        startOn: '2016-11-16',
        probationEndOn: null,
        termEndOn: null,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as CadreDetail).isMember).toBe(false);
    const names = async (q: string) =>
      ((await admin.get(`/api/cadres${q}`)).json() as { items: { name: string }[] }).items.map((i) => i.name);
    expect(await names('')).toEqual(['吴院长', '周书记']);
    expect(await names(`?unitId=${u.office}`)).toEqual(['吴院长']);
    expect(await names('?level=principal')).toEqual(['周书记']);
    expect(await names('?track=party')).toEqual(['周书记']);
    expect(await names('?probation=true')).toEqual(['周书记']);
    expect(await names('?minYearsInPost=10')).toEqual(['吴院长']);
    expect(await names('?q=吴')).toEqual(['吴院长']);
  });

  it('校领导 read, do not write; a secretary sees no cadre file', async () => {
    expect((await leader.get('/api/cadres')).statusCode).toBe(200);
    expect((await leader.post('/api/cadres', { personId: p.nonMember, post: post() })).statusCode).toBe(403);
    const list = await secA.get('/api/cadres');
    expect(list.statusCode).toBe(403);
    expect((await secA.get(`/api/cadres/${id}`)).statusCode).toBe(403);
    expect((await admin.get('/api/cadres/2000000000')).statusCode).toBe(404);
  });
});
