import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testPassword } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('POST /api/auth/login', () => {
  it('signs in: HttpOnly SameSite cookie, permissions and a CSRF token', async () => {
    const u = await t.factory.user([{ role: 'org_admin', orgId: null }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.user.username).toBe(u.username);
    expect(body.permissions).toContain('org:org:edit');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.scope).toEqual({ kind: 'all' });
    expect(JSON.stringify(body)).not.toContain('password_hash');
  });

  it('answers the same to an unknown user and a wrong password', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'x' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'wrong' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failures, and lifts the lock after 15 minutes', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password } });
    for (let i = 0; i < 4; i++) expect((await attempt('bad')).statusCode).toBe(401);
    const fifth = await attempt('bad');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    expect((await attempt(testPassword)).statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
    expect((await attempt(testPassword)).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    await t.db.updateTable('app_user').set({ disabled: true }).where('id', '=', u.id).execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: testPassword },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('rejects malformed bodies with a Chinese message naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().message).toContain('密码');
  });

  it('writes success and failure entries to the audit log', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'nope' },
    });
    await t.login(u.username);
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('actor_name', '=', u.username)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { action: 'auth.login', outcome: 'failure' },
      { action: 'auth.login', outcome: 'success' },
    ]);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me returns the user; logout ends the session', async () => {
    const c = await t.as([{ role: 'school_leader', orgId: null }]);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('expires after the idle timeout (30 minutes by default)', async () => {
    const c = await t.as([{ role: 'school_leader', orgId: null }]);
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('ignores a forged cookie', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'dj_session=forged' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('forces a generated password to be changed before anything else', async () => {
    const u = await t.factory.user([{ role: 'org_admin', orgId: null }], { mustChangePassword: true });
    const c = await t.login(u.username);
    expect(c.me!.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/orgs');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/settings/security-hint')).json()).toEqual({
      passwordMinLength: 8,
      passwordMinClasses: 3,
    });

    const weak = await c.post('/api/auth/password', { oldPassword: testPassword, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('新密码');
    const wrongOld = await c.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'N3w-Secret!' });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().details.fields[0].path).toBe('oldPassword');

    const ok = await c.post('/api/auth/password', { oldPassword: testPassword, newPassword: 'N3w-Secret!' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await c.get('/api/orgs')).statusCode).toBe(200);
    await t.login(u.username, 'N3w-Secret!');
  });

  it('refuses a new password equal to the old or containing the username', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }], { username: 'zhangsan' });
    const c = await t.login(u.username);
    expect(
      (await c.post('/api/auth/password', { oldPassword: testPassword, newPassword: testPassword }))
        .statusCode,
    ).toBe(400);
    expect(
      (await c.post('/api/auth/password', { oldPassword: testPassword, newPassword: 'Zhangsan-2026' }))
        .statusCode,
    ).toBe(400);
  });
});
