import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, type TestApp, testAuditKeys, testPassword } from './helpers.ts';

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

  it('locks the account after 5 failures without saying so, and lifts the lock after 15 minutes', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password } });
    for (let i = 0; i < 5; i++) expect((await attempt('bad')).json().code).toBe('INVALID_CREDENTIALS');
    // Even the right password is refused while locked, with the same answer.
    const locked = await attempt(testPassword);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('INVALID_CREDENTIALS');
    t.clock.advance(16 * 60_000);
    expect((await attempt(testPassword)).statusCode).toBe(200);
  });

  it('checks at most 5 of 40 simultaneous guesses and locks the account', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password } });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`wrong-${i}`)));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([401]));
    // Each guess checked against the hash leaves one "密码错误" entry; the rest were refused unchecked.
    const entries = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('actor_id', '=', u.id)
      .where('action', '=', 'auth.login')
      .execute();
    expect(entries).toHaveLength(40);
    const checked = entries.filter((e) => e.summary?.startsWith('密码错误'));
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    const row = await t.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    expect((await attempt(testPassword)).statusCode).toBe(401);
    t.clock.advance(16 * 60_000);
    expect((await attempt(testPassword)).statusCode).toBe(200);
  });

  it('guesses used up without a lock (a killed process, a lowered threshold) get a lock that expires', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    await t.db
      .updateTable('app_user')
      .set({ failed_attempts: 9, locked_until: null })
      .where('id', '=', u.id)
      .execute();
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: testPassword },
      });
    expect((await attempt()).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    t.clock.advance(16 * 60_000);
    expect((await attempt()).statusCode).toBe(200);
  });

  it('answers an unknown name exactly like a real one, wrong, locked or disabled', async () => {
    const real = await t.factory.user([{ role: 'member', orgId: null }]);
    const disabled = await t.factory.user([{ role: 'member', orgId: null }]);
    await t.db.updateTable('app_user').set({ disabled: true }).where('id', '=', disabled.id).execute();
    const attempt = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const answer = (r: Awaited<ReturnType<typeof attempt>>) => ({ status: r.statusCode, body: r.json() });
    const expected = {
      status: 401,
      body: {
        code: 'INVALID_CREDENTIALS',
        message: '用户名或密码错误，或账号已被锁定，请稍后再试或联系安全管理员',
      },
    };
    for (let i = 1; i <= 7; i++) {
      expect(answer(await attempt('no-such-user', 'bad')), `attempt ${i}`).toEqual(expected);
      expect(answer(await attempt(real.username, 'bad')), `attempt ${i}`).toEqual(expected);
    }
    // Locked now: the right password gets the same answer too; so does a disabled account's right password.
    expect(answer(await attempt(real.username, testPassword))).toEqual(expected);
    expect(answer(await attempt(disabled.username, testPassword))).toEqual(expected);
    const reasons = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('actor_id', 'in', [real.id, disabled.id])
      .orderBy('id')
      .execute();
    expect(reasons.map((r) => r.summary)).toEqual(
      expect.arrayContaining([
        '账号锁定期间尝试登录',
        '账号已停用',
        '密码错误（第 5 次），连续失败达 5 次，账号锁定 15 分钟',
      ]),
    );
  });

  it('throttles sign-in per source address when configured (429, Chinese message)', async () => {
    const app = await buildApp({
      db: t.db,
      clock: t.clock,
      auditKeys: testAuditKeys(),
      config: { loginAttemptsPerMinute: 3 },
    });
    try {
      const attempt = (ip: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: ip,
          payload: { username: `nobody-${ip}`, password: 'bad' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.7')).statusCode).toBe(401);
      const limited = await attempt('10.0.0.7');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('RATE_LIMITED');
      expect(limited.json().message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
      expect(limited.headers['retry-after']).toBeDefined();
      // Another address is not affected.
      expect((await attempt('10.0.0.8')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('behind a trusted proxy throttles the forwarded client address, and believes no one else', async () => {
    const app = await buildApp({
      db: t.db,
      clock: t.clock,
      auditKeys: testAuditKeys(),
      config: { loginAttemptsPerMinute: 2 },
      trustProxy: ['10.9.9.9'],
    });
    try {
      const attempt = (from: string, client: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: from,
          headers: { 'x-forwarded-for': client },
          payload: { username: 'nobody', password: 'bad' },
        });
      // Through the proxy: two clients behind it are throttled apart.
      for (let i = 0; i < 2; i++) expect((await attempt('10.9.9.9', '192.0.2.1')).statusCode).toBe(401);
      expect((await attempt('10.9.9.9', '192.0.2.1')).statusCode).toBe(429);
      expect((await attempt('10.9.9.9', '192.0.2.2')).statusCode).toBe(401);
      // A client that is not the proxy cannot dodge the limit by forging X-Forwarded-For.
      for (let i = 0; i < 2; i++)
        expect((await attempt('198.51.100.5', `203.0.113.${i}`)).statusCode).toBe(401);
      expect((await attempt('198.51.100.5', '203.0.113.9')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
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

describe('password history', () => {
  it('refuses the current and the last 5 passwords; the sixth back is allowed again', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const c = await t.login(u.username);
    const change = (oldPassword: string, newPassword: string) =>
      c.post('/api/auth/password', { oldPassword, newPassword });
    const pw = (i: number) => `Fresh-Pass-${i}!`;
    expect((await change(testPassword, pw(1))).statusCode).toBe(200);
    const back = await change(pw(1), testPassword);
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toBe('新密码：不能与最近 5 次使用过的密码相同');
    expect(back.json().details.fields[0].path).toBe('newPassword');
    for (let i = 2; i <= 5; i++) expect((await change(pw(i - 1), pw(i))).statusCode).toBe(200);
    // Five passwords back (1–4 and the first) are all still remembered.
    expect((await change(pw(5), testPassword)).statusCode).toBe(400);
    expect((await change(pw(5), pw(2))).statusCode).toBe(400);
    expect((await change(pw(5), pw(6))).statusCode).toBe(200);
    expect((await change(pw(6), testPassword)).statusCode, 'six changes ago').toBe(200);
  });

  it('keeps every replaced password, whoever replaced it (an administrator’s reset too)', async () => {
    const u = await t.factory.user([{ role: 'member', orgId: null }]);
    const count = async () =>
      (await t.db.selectFrom('password_history').select('id').where('user_id', '=', u.id).execute()).length;
    expect(await count()).toBe(0);
    await t.db.updateTable('app_user').set({ password_hash: 'reset-hash' }).where('id', '=', u.id).execute();
    await t.db.updateTable('app_user').set({ disabled: false }).where('id', '=', u.id).execute();
    expect(await count()).toBe(1);
  });
});

describe('security headers', () => {
  it('sends the same policy on API answers (also refusals) and pages', async () => {
    for (const url of ['/api/auth/me', '/some/page']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      const csp = String(res.headers['content-security-policy']);
      for (const d of [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ])
        expect(csp, url).toContain(d);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).headers['cache-control']).toBe(
      'no-store',
    );
  });
});
