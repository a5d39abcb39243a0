import { idNumberCheckChar, type MemberDetail, type MemberPage, type MemberStats } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let group: { id: number; path: string };
beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '软件教工第一党小组' });
});
afterAll(() => t.close());

let seq = 100;
/** A valid ID number for a birth date and gender, different on every call. */
function idFor(birth = '1990-03-15', gender: 'male' | 'female' = 'male'): string {
  seq += 1;
  const order = `${String(seq % 100).padStart(2, '0')}${gender === 'male' ? '1' : '2'}`;
  const body = `330108${birth.replaceAll('-', '')}${order}`;
  return `${body}${idNumberCheckChar(body)}`;
}

function member(overrides: Record<string, unknown> = {}) {
  return {
    name: '王建国',
    idNumber: idFor(),
    phone: '13812345678',
    ethnicity: '01',
    education: 'master',
    category: 'staff',
    title: '副教授',
    position: '专任教师',
    partyStatus: 'full',
    joinedOn: '2012-06-01',
    confirmedOn: '2013-06-01',
    orgId: tree.branchA.id,
    ...overrides,
  };
}

describe('POST /api/members', () => {
  it('creates a member, fills birth date and gender from the ID number and starts the timeline', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const res = await sec.post(
      '/api/members',
      member({ name: '李红', idNumber: idFor('1988-02-29', 'female') }),
    );
    expect(res.statusCode).toBe(201);
    const m = res.json() as MemberDetail;
    expect(m).toMatchObject({ name: '李红', gender: 'female', birthDate: '1988-02-29', masked: true });
    expect(m.idNumber).toMatch(/^330\*{11}\d{3}[\dX]$/);
    expect(m.phone).toBe('138****5678');
    const timeline = (await sec.get(`/api/members/${m.id}/timeline`)).json() as { kind: string }[];
    expect(timeline.map((e) => e.kind)).toEqual(['created']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'member.create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // The audit log never holds a full ID number or phone.
    expect(JSON.stringify(audit.after)).not.toContain('13812345678');
  });

  it('refuses a wrong checksum, a mismatched birth date, a short 预备期 and names each field', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const id = idFor();
    const bad = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    const res = await sec.post('/api/members', member({ idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('身份证号：校验位错误');
    const res2 = await sec.post(
      '/api/members',
      member({ birthDate: '1990-03-16', confirmedOn: '2013-05-01' }),
    );
    expect(res2.statusCode).toBe(400);
    expect(
      res2
        .json()
        .details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['birthDate', 'confirmedOn']);
  });

  it('refuses a duplicate ID number, a 党委/总支 as placement and orgs outside scope', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const idNumber = idFor();
    expect((await sec.post('/api/members', member({ idNumber }))).statusCode).toBe(201);
    const dup = await sec.post('/api/members', member({ idNumber, name: '另一人' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('身份证号：与在册党员“王建国”重复');
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const onGeneral = await admin.post('/api/members', member({ orgId: tree.general.id }));
    expect(onGeneral.json().message).toBe('所在党组织：党员只能编入党支部或其党小组');
    const outside = await sec.post('/api/members', member({ orgId: tree.other.id }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toBe('所在党组织：不存在或不在您的管理范围内');
    expect(
      await t.db.selectFrom('person').select('id').where('org_id', '=', tree.other.id).execute(),
    ).toEqual([]);
  });

  it('answers 401 without a session and 403 without the permission', async () => {
    expect((await t.anonymous.post('/api/members', member())).statusCode).toBe(401);
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    expect((await leader.post('/api/members', member())).statusCode).toBe(403);
    const m = await t.as([{ role: 'member', orgId: null }]);
    expect((await m.get('/api/members')).statusCode).toBe(403);
  });
});

describe('GET /api/members', () => {
  it('lists only the scope, filters, sorts and pages', async () => {
    await t.factory.person({ orgId: tree.branchB.id, name: '学生甲', category: 'student' });
    await t.factory.person({ orgId: tree.other.id, name: '图书馆员' });
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const page = (await sec.get('/api/members?pageSize=100')).json() as MemberPage;
    expect(page.items.every((m) => m.branchId === tree.branchA.id)).toBe(true);
    expect(page.items.map((m) => m.name)).not.toContain('学生甲');

    const gb = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
    const students = (await gb.get('/api/members?category=student')).json() as MemberPage;
    expect(students.items.map((m) => m.name)).toEqual(['学生甲']);
    const byName = (await gb.get(`/api/members?q=${encodeURIComponent('李')}`)).json() as MemberPage;
    expect(byName.items.map((m) => m.name)).toEqual(['李红']);
    const women = (await gb.get('/api/members?gender=female&ageBand=36to45')).json() as MemberPage;
    expect(women.items.map((m) => m.name)).toEqual(['李红']);
    const paged = (await gb.get('/api/members?pageSize=1&page=2&sort=name&order=desc')).json() as MemberPage;
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    // Another branch's org as filter: 404, as if it did not exist.
    expect((await sec.get(`/api/members?orgId=${tree.other.id}`)).statusCode).toBe(404);
  });

  it('finds by the exact ID number but not by a fragment without the right to see numbers', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    const someone = (
      await admin.get(`/api/members?unmasked=true&pageSize=1&category=staff&q=${encodeURIComponent('王')}`)
    ).json() as MemberPage;
    const full = someone.items[0]!.idNumber!;
    expect((await leader.get(`/api/members?q=${full}`)).json().total).toBe(1);
    expect((await leader.get(`/api/members?q=${full.slice(0, 10)}`)).json().total).toBe(0);
    expect((await admin.get(`/api/members?q=${full.slice(0, 10)}`)).json().total).toBeGreaterThan(0);
  });

  it('shows numbers in full only to whom may see them, and writes each such view to the audit log', async () => {
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    const masked = (await leader.get('/api/members?unmasked=true')).json() as MemberPage;
    expect(masked.items.every((m) => m.masked)).toBe(true);
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const before = await countAudit('member.reveal');
    const open = (await sec.get('/api/members?unmasked=true')).json() as MemberPage;
    expect(open.items[0]!.masked).toBe(false);
    expect(open.items[0]!.idNumber).toMatch(/^\d{17}[\dX]$/);
    const detail = (await sec.get(`/api/members/${open.items[0]!.id}?unmasked=true`)).json() as MemberDetail;
    expect(detail.masked).toBe(false);
    expect(await countAudit('member.reveal')).toBe(before + 2);
  });
});

async function countAudit(action: string) {
  const r = await t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function createMember(overrides: Record<string, unknown> = {}): Promise<MemberDetail> {
  const admin = await t.as([{ role: 'org_admin', orgId: null }]);
  const res = await admin.post('/api/members', member(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as MemberDetail;
}

describe('GET|PATCH /api/members/:id', () => {
  it('404s outside the scope, like a missing row', async () => {
    const m = await createMember({ orgId: tree.other.id, name: '外支部' });
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    expect((await sec.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    expect((await sec.get('/api/members/999999')).statusCode).toBe(404);
    expect(
      (await sec.patch(`/api/members/${m.id}`, { phone: '13900000000', version: m.version })).statusCode,
    ).toBe(404);
    expect((await sec.get(`/api/members/${m.id}/timeline`)).statusCode).toBe(404);
  });

  it('edits with an optimistic lock, records 转正 on the timeline, and keeps branch moves for transfers', async () => {
    const m = await createMember({ partyStatus: 'probationary', joinedOn: '2025-05-01', confirmedOn: null });
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const res = await sec.patch(`/api/members/${m.id}`, {
      partyStatus: 'full',
      confirmedOn: '2026-05-01',
      version: m.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      partyStatus: 'full',
      confirmedOn: '2026-05-01',
      version: m.version + 1,
    });
    const stale = await sec.patch(`/api/members/${m.id}`, { phone: '13900000000', version: m.version });
    expect(stale.statusCode).toBe(409);
    const toGroup = await sec.patch(`/api/members/${m.id}`, { orgId: group.id, version: m.version + 1 });
    expect(toGroup.statusCode, toGroup.body).toBe(200);
    expect(toGroup.json()).toMatchObject({ branchId: tree.branchA.id, groupName: '软件教工第一党小组' });
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const moved = await admin.patch(`/api/members/${m.id}`, {
      orgId: tree.branchB.id,
      version: m.version + 2,
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().message).toBe('所在党组织：调整到其他党支部须办理组织关系转接');
    const kinds = ((await sec.get(`/api/members/${m.id}/timeline`)).json() as { kind: string }[]).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['created', 'status_confirmed', 'updated']));
  });

  it('takes a member off the roster, ends their posts and keeps the history', async () => {
    const m = await createMember({ name: '离册者' });
    await t.factory.term({
      orgId: tree.branchA.id,
      start: '2025-01-01',
      end: '2028-01-01',
      team: [{ personId: m.id, post: 'secretary' }],
    });
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const current = (await sec.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(current.posts).toEqual(['secretary']);
    const future = await sec.post(`/api/members/${m.id}/leave`, {
      reason: 'deceased',
      date: '2026-06-16',
      version: current.version,
    });
    expect(future.statusCode).toBe(400);
    const res = await sec.post(`/api/members/${m.id}/leave`, {
      reason: 'deceased',
      date: '2026-06-01',
      note: '病故',
      version: current.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'deceased', leftOn: '2026-06-01', posts: [] });
    expect(res.json().postHistory[0]).toMatchObject({ post: 'secretary', endDate: '2026-06-01' });
    const active = (await sec.get(`/api/members?q=${encodeURIComponent('离册者')}`)).json() as MemberPage;
    expect(active.total).toBe(0);
    const left = (
      await sec.get(`/api/members?status=left&q=${encodeURIComponent('离册者')}`)
    ).json() as MemberPage;
    expect(left.items[0]).toMatchObject({ status: 'deceased' });
    expect(
      (await sec.patch(`/api/members/${m.id}`, { phone: '13900000000', version: current.version + 1 }))
        .statusCode,
    ).toBe(422);
  });
});

describe('GET /api/members/stats', () => {
  it('counts by dimension and drills down from the 党委 to branches', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const top = (await admin.get('/api/members/stats')).json() as MemberStats;
    expect(top.orgId).toBe(tree.committee.id);
    const total = top.byStatus.reduce((s, r) => s + r.count, 0);
    expect(total).toBe(top.total);
    expect(top.children.map((c) => c.orgId)).toEqual(
      expect.arrayContaining([tree.general.id, tree.other.id]),
    );
    expect(top.children.find((c) => c.orgId === tree.general.id)?.hasChildren).toBe(true);
    const general = (await admin.get(`/api/members/stats?orgId=${tree.general.id}`)).json() as MemberStats;
    expect(general.children.map((c) => c.orgId).sort()).toEqual([tree.branchA.id, tree.branchB.id].sort());
    const a = general.branches.find((b) => b.orgId === tree.branchA.id)!;
    expect(a.full).toBeGreaterThan(0);
    const b = general.branches.find((x) => x.orgId === tree.branchB.id)!;
    expect(b.problems.join()).toContain('正式党员');
    expect(general.dualLeader.teacherBranches).toBe(1);
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    expect((await sec.get(`/api/members/stats?orgId=${tree.general.id}`)).statusCode).toBe(404);
    const own = (await sec.get('/api/members/stats')).json() as MemberStats;
    expect(own.orgId).toBe(tree.branchA.id);
  });
});

describe('correction requests', () => {
  it('a member asks, the branch secretary approves; the change lands and both see it', async () => {
    const m = await createMember({ name: '赵小明', education: 'bachelor' });
    const self = await t.as([{ role: 'member', orgId: null }], { personId: m.id });
    const mine = (await self.get('/api/me/member')).json();
    expect(mine.member).toMatchObject({ name: '赵小明', masked: false });
    expect(mine.member.idNumber).toMatch(/^\d{17}[\dX]$/);

    const same = await self.post('/api/me/member/corrections', {
      changes: { education: 'bachelor' },
      reason: '学历有误',
    });
    expect(same.statusCode).toBe(400);
    const bad = await self.post('/api/me/member/corrections', {
      changes: { birthDate: '1990-03-16' },
      reason: '生日错了',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('出生日期：与身份证号不一致');

    const res = await self.post('/api/me/member/corrections', {
      changes: { education: 'master' },
      reason: '已取得硕士学位',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;

    const outsider = await t.as([{ role: 'branch_secretary', orgId: tree.other.id }]);
    expect(
      (await outsider.post(`/api/member-corrections/${id}/decision`, { approve: true })).statusCode,
    ).toBe(404);
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const list = (await sec.get('/api/member-corrections?status=pending')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(id);
    const noReason = await sec.post(`/api/member-corrections/${id}/decision`, { approve: false });
    expect(noReason.statusCode).toBe(400);
    const ok = await sec.post(`/api/member-corrections/${id}/decision`, {
      approve: true,
      note: '已核对学位证',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', canDecide: false });
    const after = (await sec.get(`/api/members/${m.id}`)).json() as MemberDetail;
    expect(after.education).toBe('master');
    expect((await sec.post(`/api/member-corrections/${id}/decision`, { approve: true })).statusCode).toBe(
      409,
    );
    const again = (await self.get('/api/me/member')).json();
    expect(again.corrections[0]).toMatchObject({ status: 'approved', decisionNote: '已核对学位证' });
  });

  it('answers an account without a person with no record, and refuses its requests', async () => {
    const u = await t.as([{ role: 'member', orgId: null }]);
    expect((await u.get('/api/me/member')).json()).toEqual({ member: null, corrections: [] });
    expect(
      (await u.post('/api/me/member/corrections', { changes: { phone: '13900000000' }, reason: '换号了' }))
        .statusCode,
    ).toBe(403);
  });
});
