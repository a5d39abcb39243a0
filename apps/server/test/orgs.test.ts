import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

const version = async (id: number) =>
  (await t.db.selectFrom('org').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

describe('GET /api/orgs', () => {
  it('lists the whole tree for the 组织部 and only the subtree for a 总支 secretary', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const all = (await admin.get('/api/orgs')).json() as { id: number }[];
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining(Object.values(tree).map((o) => o.id)));

    const gb = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
    const res = await gb.get('/api/orgs');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { id: number }[]).map((o) => o.id).sort()).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id].sort(),
    );
  });

  it('counts members of the subtree and searches by name', async () => {
    await t.factory.people(tree.branchA.id, 3);
    await t.factory.people(tree.branchA.id, 1, 'probationary');
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const list = (await admin.get('/api/orgs')).json() as {
      id: number;
      memberCount: number;
      fullMemberCount: number;
    }[];
    const a = list.find((o) => o.id === tree.branchA.id)!;
    const g = list.find((o) => o.id === tree.general.id)!;
    expect([a.memberCount, a.fullMemberCount]).toEqual([4, 3]);
    expect(g.memberCount).toBeGreaterThanOrEqual(4);
    const found = (await admin.get(`/api/orgs?q=${encodeURIComponent('软件')}`)).json() as { id: number }[];
    expect(found.map((o) => o.id)).toEqual([tree.branchA.id]);
  });
});

describe('GET /api/orgs/:id', () => {
  it('returns detail with breadcrumb and abilities; 404 outside scope exactly like a missing row', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const ok = await sec.get(`/api/orgs/${tree.branchA.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().path.map((p: { id: number }) => p.id)).toEqual([
      tree.committee.id,
      tree.general.id,
      tree.branchA.id,
    ]);
    expect(ok.json().abilities).toMatchObject({
      edit: true,
      createChild: true,
      move: false,
      archive: false,
      editTeam: true,
    });

    const outside = await sec.get(`/api/orgs/${tree.branchB.id}`);
    const missing = await sec.get('/api/orgs/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('rejects a malformed id', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.get('/api/orgs/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /api/orgs', () => {
  it('creates a branch under a 总支 and a group under a branch, with path and audit', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const res = await admin.post('/api/orgs', {
      parentId: tree.general.id,
      type: 'branch',
      name: '人工智能教工党支部',
      category: 'staff',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    const row = await t.db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`${tree.general.path}${id}/`);
    expect(row.depth).toBe(2);
    const group = await admin.post('/api/orgs', { parentId: id, type: 'group', name: '第一党小组' });
    expect(group.statusCode).toBe(201);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.create')
      .where('target_id', '=', String(id))
      .executeTakeFirst();
    expect(audit?.outcome).toBe('success');
  });

  it('refuses a child type the parent may not hold, and stores nothing', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const before = await t.db
      .selectFrom('org')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.post('/api/orgs', {
      parentId: tree.branchA.id,
      type: 'general_branch',
      name: '错误的总支',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('党支部下不能设立党总支');
    const after = await t.db
      .selectFrom('org')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('validates fields with Chinese messages naming them; unknown fields refused', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const long = await admin.post('/api/orgs', {
      parentId: tree.general.id,
      type: 'branch',
      name: '长'.repeat(61),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/^名称：/);
    expect(long.json().details.fields[0].path).toBe('name');
    const extra = await admin.post('/api/orgs', {
      parentId: tree.general.id,
      type: 'branch',
      name: '正常名称',
      isAdmin: true,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toContain('isAdmin');
    const wrongType = await admin.post('/api/orgs', { parentId: 'x', type: 'branch', name: '正常名称' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toContain('上级组织');
  });

  it('stores SQL and HTML in names as plain text', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const name = "<script>alert(1)</script>'); drop table org;--";
    const res = await admin.post('/api/orgs', { parentId: tree.general.id, type: 'branch', name });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
    expect((await t.db.selectFrom('org').select('id').execute()).length).toBeGreaterThan(3);
  });

  it('does not let a branch secretary create outside the branch (answers as if missing)', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const res = await sec.post('/api/orgs', { parentId: tree.branchB.id, type: 'group', name: '越权党小组' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].path).toBe('parentId');
    const own = await sec.post('/api/orgs', {
      parentId: tree.branchA.id,
      type: 'group',
      name: '本支部党小组',
    });
    expect(own.statusCode).toBe(201);
  });
});

describe('PATCH /api/orgs/:id', () => {
  it('edits with optimistic locking', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const v = await version(tree.other.id);
    const ok = await admin.patch(`/api/orgs/${tree.other.id}`, { name: '图书馆党支部', version: v });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('图书馆党支部');
    const stale = await admin.patch(`/api/orgs/${tree.other.id}`, { name: '再次修改', version: v });
    expect(stale.statusCode).toBe(409);
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ name: expect.any(String) });
    expect(entry.after).toMatchObject({ name: '图书馆党支部' });
  });

  it('answers 404 for an org outside the secretary’s branch', async () => {
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const res = await sec.patch(`/api/orgs/${tree.branchB.id}`, { name: '越权', version: 0 });
    expect(res.statusCode).toBe(404);
  });
});

describe('move and archive', () => {
  it('moves a subtree, rewriting paths; refuses moving under its own descendant', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const gb2 = await t.factory.org({
      parentId: tree.committee.id,
      type: 'general_branch',
      name: '机电学院党总支',
    });
    const b = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '待调整党支部' });
    const g = await t.factory.org({ parentId: b.id, type: 'group', name: '待调整党小组' });
    const res = await admin.post(`/api/orgs/${b.id}/move`, {
      parentId: gb2.id,
      version: await version(b.id),
    });
    expect(res.statusCode).toBe(200);
    const group = await t.db
      .selectFrom('org')
      .select(['path', 'depth'])
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    expect(group.path).toBe(`${gb2.path}${b.id}/${g.id}/`);
    expect(group.depth).toBe(3);
    const loop = await admin.post(`/api/orgs/${tree.general.id}/move`, {
      parentId: tree.branchA.id,
      version: await version(tree.general.id),
    });
    expect(loop.statusCode).toBe(422);
  });

  it('archives only an empty org, never deletes, and can restore', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const b = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '待撤销党支部' });
    const person = await t.factory.person({ orgId: b.id });
    const refused = await admin.post(`/api/orgs/${b.id}/archive`, {
      reason: '专业调整',
      version: await version(b.id),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('党员');
    await t.db.updateTable('person').set({ org_id: tree.branchA.id }).where('id', '=', person).execute();
    const ok = await admin.post(`/api/orgs/${b.id}/archive`, {
      reason: '专业调整',
      version: await version(b.id),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().archived).toBe(true);
    const list = (await admin.get('/api/orgs')).json() as { id: number }[];
    expect(list.some((o) => o.id === b.id)).toBe(false);
    const withArchived = (await admin.get('/api/orgs?includeArchived=true')).json() as { id: number }[];
    expect(withArchived.some((o) => o.id === b.id)).toBe(true);
    const restored = await admin.post(`/api/orgs/${b.id}/restore`, { version: await version(b.id) });
    expect(restored.json().archived).toBe(false);
  });

  it('a 总支 secretary cannot move or archive the 总支 itself', async () => {
    const gb = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
    const detail = (await gb.get(`/api/orgs/${tree.general.id}`)).json();
    expect(detail.abilities.move).toBe(false);
    const res = await gb.post(`/api/orgs/${tree.general.id}/archive`, {
      reason: '试图撤销',
      version: detail.version,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('terms and posts', () => {
  it('records a new term: the previous one ends the day before; only full members of the org may be elected', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const b = await t.factory.org({
      parentId: tree.general.id,
      type: 'branch',
      name: '换届测试党支部',
      category: 'staff',
    });
    // 7 正式党员: enough for a 支部委员会 (支部条例 第十八条).
    const [p1, p2, p3] = await t.factory.people(b.id, 7);
    const prob = await t.factory.person({ orgId: b.id, status: 'probationary' });
    const outsider = await t.factory.person({ orgId: tree.branchB.id });
    await t.factory.term({
      orgId: b.id,
      start: '2022-06-01',
      end: '2025-05-31',
      team: [{ personId: p1!, post: 'secretary' }],
    });

    const bad = await admin.post(`/api/orgs/${b.id}/terms`, {
      number: 2,
      teamKind: 'secretary_only',
      startDate: '2026-06-01',
      plannedEndDate: '2029-05-31',
      team: [{ personId: prob, post: 'secretary' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain('不是正式党员');
    const foreign = await admin.post(`/api/orgs/${b.id}/terms`, {
      number: 2,
      teamKind: 'secretary_only',
      startDate: '2026-06-01',
      plannedEndDate: '2029-05-31',
      team: [{ personId: outsider, post: 'secretary' }],
    });
    expect(foreign.statusCode).toBe(422);

    const res = await admin.post(`/api/orgs/${b.id}/terms`, {
      number: 2,
      teamKind: 'committee',
      startDate: '2026-06-01',
      plannedEndDate: '2029-05-31',
      team: [
        { personId: p2, post: 'secretary' },
        { personId: p1, post: 'organization_officer' },
        { personId: p3, post: 'publicity_officer' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const terms = res.json().terms as {
      number: number;
      actualEndDate: string | null;
      isCurrent: boolean;
      team: unknown[];
    }[];
    expect(terms[0]).toMatchObject({ number: 2, isCurrent: true, actualEndDate: null });
    expect(terms[0]!.team).toHaveLength(3);
    expect(terms[1]).toMatchObject({ number: 1, actualEndDate: '2026-05-31', isCurrent: false });
  });

  it('refuses a 支部委员会 for a branch with fewer than 7 正式党员 on the first day, writing nothing', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const b = await t.factory.org({
      parentId: tree.general.id,
      type: 'branch',
      name: '小支部委员会测试党支部',
    });
    const group = await t.factory.org({ parentId: b.id, type: 'group', name: '小支部第一党小组' });
    // 3 正式党员 in the branch and 3 in its 党小组 (counted with it), and 2 预备党员 (not counted).
    const [p1, p2, p3] = await t.factory.people(b.id, 3);
    await t.factory.people(group.id, 3);
    await t.factory.people(b.id, 2, 'probationary');
    await t.factory.term({
      orgId: b.id,
      start: '2023-06-01',
      end: '2026-05-31',
      team: [{ personId: p1!, post: 'secretary' }],
    });
    const committee = {
      number: 2,
      teamKind: 'committee',
      startDate: '2026-06-01',
      plannedEndDate: '2029-05-31',
      team: [
        { personId: p1, post: 'secretary' },
        { personId: p2, post: 'organization_officer' },
        { personId: p3, post: 'publicity_officer' },
      ],
    };
    const termCount = async () =>
      (await t.db.selectFrom('term').select('id').where('org_id', '=', b.id).execute()).length;

    const six = await admin.post(`/api/orgs/${b.id}/terms`, committee);
    expect(six.statusCode).toBe(422);
    expect(six.json()).toMatchObject({
      code: 'RULE_VIOLATION',
      details: { ruleId: 'branch.committee_not_allowed' },
    });
    expect(six.json().message).toContain('正式党员 6 人');
    expect(six.json().message).toContain('第十八条');
    expect(six.json().details.fields[0].path).toBe('teamKind');
    expect(await termCount()).toBe(1);

    // A 书记 (and one 副书记) is what such a branch elects.
    const secretaryOnly = await admin.post(`/api/orgs/${b.id}/terms`, {
      ...committee,
      teamKind: 'secretary_only',
      team: [
        { personId: p1, post: 'secretary' },
        { personId: p2, post: 'deputy_secretary' },
      ],
    });
    expect(secretaryOnly.statusCode).toBe(201);
    const current = (secretaryOnly.json().terms as { id: number; version: number }[])[0]!;
    // Nor may the term be turned into a committee afterwards.
    const turned = await admin.patch(`/api/terms/${current.id}`, {
      version: current.version,
      teamKind: 'committee',
    });
    expect(turned.statusCode).toBe(422);
    expect(turned.json().details.ruleId).toBe('branch.committee_not_allowed');

    // With a 7th 正式党员 (who had joined by the first day) the committee may be elected.
    await t.factory.people(group.id, 1);
    const seven = await admin.post(`/api/orgs/${b.id}/terms`, {
      ...committee,
      number: 3,
      startDate: '2026-06-02',
    });
    expect(seven.statusCode).toBe(201);
  });

  it('records an election request and an approved postponement', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const b = await t.factory.org({ parentId: tree.general.id, type: 'branch', name: '请示测试党支部' });
    const [p1] = await t.factory.people(b.id, 3);
    const termId = await t.factory.term({
      orgId: b.id,
      start: '2023-09-01',
      end: '2026-08-31',
      team: [{ personId: p1!, post: 'secretary' }],
    });
    const future = await admin.patch(`/api/terms/${termId}`, {
      version: 0,
      electionRequestedOn: '2030-01-01',
    });
    expect(future.statusCode).toBe(400);
    const ok = await admin.patch(`/api/terms/${termId}`, { version: 0, electionRequestedOn: '2026-05-01' });
    expect(ok.statusCode).toBe(200);
    const noApproval = await admin.patch(`/api/terms/${termId}`, { version: 1, postponedTo: '2027-02-28' });
    expect(noApproval.statusCode).toBe(400);
    expect(noApproval.json().details.fields[0].path).toBe('postponementApprovedOn');
    const post = await admin.patch(`/api/terms/${termId}`, {
      version: 1,
      postponedTo: '2027-02-28',
      postponementApprovedOn: '2026-06-01',
    });
    expect(post.statusCode).toBe(200);
    expect(post.json().terms[0].postponedTo).toBe('2027-02-28');
  });

  it('appoints an organiser and a group leader, and ends a post', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const person = await t.factory.person({ orgId: tree.branchA.id });
    const res = await admin.post(`/api/orgs/${tree.general.id}/appointments`, {
      personId: person,
      post: 'organiser',
      termId: null,
      startDate: '2026-03-01',
    });
    expect(res.statusCode).toBe(201);
    const appt = (res.json().appointments as { id: number; post: string }[]).find(
      (a) => a.post === 'organiser',
    )!;
    const wrong = await admin.post(`/api/orgs/${tree.branchA.id}/appointments`, {
      personId: person,
      post: 'group_leader',
      termId: null,
      startDate: '2026-03-01',
    });
    expect(wrong.statusCode).toBe(400);
    const end = await admin.post(`/api/appointments/${appt.id}/end`, { endDate: '2026-05-31' });
    expect(end.statusCode).toBe(200);
    const before = await admin.post(`/api/appointments/${appt.id}/end`, { endDate: '2026-06-30' });
    expect(before.statusCode).toBe(422);
  });
});

describe('units, majors, people', () => {
  it('creates units and majors; lists people within scope only', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const unit = await admin.post('/api/units', { name: '信息工程学院', kind: 'college' });
    expect(unit.statusCode).toBe(201);
    const dup = await admin.post('/api/units', { name: '信息工程学院', kind: 'college' });
    expect(dup.statusCode).toBe(409);
    const major = await admin.post('/api/majors', {
      name: '软件技术',
      kind: 'major',
      unitId: unit.json().id,
    });
    expect(major.statusCode).toBe(201);
    expect((await admin.get('/api/majors')).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '软件技术', unitName: '信息工程学院' })]),
    );

    const inB = await t.factory.person({ orgId: tree.branchB.id, name: '范围外的人' });
    const sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const people = (await sec.get('/api/people?limit=100')).json() as { id: number }[];
    expect(people.some((p) => p.id === inB)).toBe(false);
    expect((await sec.get(`/api/people?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });

  it('keeps the student and staff headcounts of a unit, refusing a negative count with the field named', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const created = await admin.post('/api/units', {
      name: '经济管理学院',
      kind: 'college',
      studentCount: 3200,
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json() as { id: number; studentCount: number | null; staffCount: number | null };
    expect([unit.studentCount, unit.staffCount]).toEqual([3200, null]);

    const bad = await admin.patch(`/api/units/${unit.id}`, { staffCount: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('教职工数');

    const set = await admin.patch(`/api/units/${unit.id}`, { staffCount: 180 });
    expect(set.json()).toMatchObject({ studentCount: 3200, staffCount: 180 });
    const cleared = await admin.patch(`/api/units/${unit.id}`, { studentCount: null });
    expect(cleared.json()).toMatchObject({ studentCount: null, staffCount: 180 });
    const listed = (await admin.get('/api/units')).json() as { id: number; studentCount: number | null }[];
    expect(listed.find((u) => u.id === unit.id)).toMatchObject({ studentCount: null, staffCount: 180 });

    const gb = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
    expect((await gb.patch(`/api/units/${unit.id}`, { staffCount: 1 })).statusCode).toBe(403);
  });
});
