import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

describe('accounts', () => {
  it('the system administrator creates an account with a one-time password that must be changed', async () => {
    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    const res = await sys.post('/api/users', {
      username: 'zhibu01',
      displayName: '张书记',
      roles: [{ role: 'branch_secretary', orgId: tree.branchA.id }],
    });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user.roles[0]).toMatchObject({ role: 'branch_secretary', orgName: '软件教工党支部' });
    expect(user.mustChangePassword).toBe(true);
    const c = await t.login('zhibu01', temporaryPassword);
    expect(c.me!.user.mustChangePassword).toBe(true);
    expect(c.me!.scope).toEqual({ kind: 'subtrees', orgIds: [tree.branchA.id] });
    const row = await t.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'zhibu01')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses 三员 combined in one account, a subtree role without an org, and duplicates', async () => {
    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    const mixed = await sys.post('/api/users', {
      username: 'mixed',
      displayName: '兼任',
      roles: [
        { role: 'sys_admin', orgId: null },
        { role: 'auditor', orgId: null },
      ],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().message).toContain('三员分立');
    const noOrg = await sys.post('/api/users', {
      username: 'noorg',
      displayName: '无组织',
      roles: [{ role: 'branch_secretary', orgId: null }],
    });
    expect(noOrg.statusCode).toBe(400);
    await sys.post('/api/users', {
      username: 'Twice',
      displayName: '甲',
      roles: [{ role: 'member', orgId: null }],
    });
    const dup = await sys.post('/api/users', {
      username: 'twice',
      displayName: '乙',
      roles: [{ role: 'member', orgId: null }],
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (await t.db.selectFrom('app_user').select('id').where('username', '=', 'mixed').execute()).length,
    ).toBe(0);
  });

  it('edits roles (ending the user’s sessions), resets a password, and nobody edits their own roles', async () => {
    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    const target = await t.factory.user([{ role: 'member', orgId: null }]);
    const session = await t.login(target.username);
    const list = (await sys.get(`/api/users?q=${target.username}`)).json();
    expect(list.total).toBe(1);
    const upd = await sys.patch(`/api/users/${target.id}`, {
      version: list.items[0].version,
      roles: [{ role: 'school_leader', orgId: null }],
    });
    expect(upd.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const reset = await sys.post(`/api/users/${target.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    await t.login(target.username, reset.json().temporaryPassword);

    const self = await sys.patch(`/api/users/${sys.me!.user.id}`, {
      version: 0,
      roles: [{ role: 'org_admin', orgId: null }],
    });
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'FORBIDDEN', message: '不能为本人账号授予角色' });
  });

  it('the security administrator unlocks; the system administrator cannot', async () => {
    const target = await t.factory.user([{ role: 'member', orgId: null }]);
    await t.db
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + 3_600_000) })
      .where('id', '=', target.id)
      .execute();
    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    expect((await sys.post(`/api/users/${target.id}/unlock`)).statusCode).toBe(403);
    const sec = await t.as([{ role: 'security_admin', orgId: null }]);
    const res = await sec.post(`/api/users/${target.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(false);
  });

  it('the security administrator sets the policy within the 等保 floors', async () => {
    const sec = await t.as([{ role: 'security_admin', orgId: null }]);
    const current = (await sec.get('/api/settings/security')).json();
    const weak = await sec.put('/api/settings/security', { ...current, passwordMinLength: 6 });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码最小长度');
    const ok = await sec.put('/api/settings/security', { ...current, idleTimeoutMinutes: 20 });
    expect(ok.json().idleTimeoutMinutes).toBe(20);
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    expect((await admin.put('/api/settings/security', current)).statusCode).toBe(403);
    await sec.put('/api/settings/security', current);
  });
});
