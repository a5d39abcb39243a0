import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
afterEach(() => t.close());

const status = async () => (await t.app.inject({ method: 'GET', url: '/api/setup/status' })).json();
const setup = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/setup', payload: payload as object });

describe('first run', () => {
  it('an empty installation offers set-up; our own college gets its 党委 and an admin who may sign in', async () => {
    t = await createTestApp({ empty: true });
    expect(await status()).toMatchObject({ initialised: false, school: null, demoAccounts: [] });

    const weak = await setup({
      mode: 'own',
      schoolName: '江城职业学院',
      committeeName: '中共江城职业学院委员会',
      adminPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('管理员密码');
    expect((await status()).initialised).toBe(false);

    const ok = await setup({
      mode: 'own',
      schoolName: '江城职业学院',
      committeeName: '中共江城职业学院委员会',
      adminPassword: 'Jiang-Cheng-2026',
    });
    expect(ok.statusCode).toBe(200);
    // 三员分立: the first 安全管理员 and 审计员 are made with admin, each with a one-time password.
    const initial = ok.json().initialAccounts as { username: string; temporaryPassword: string }[];
    expect(initial.map((a) => a.username)).toEqual(['secadmin', 'auditor']);
    for (const a of initial) {
      expect(a.temporaryPassword.length).toBeGreaterThanOrEqual(12);
      const c = await t.login(a.username, a.temporaryPassword);
      expect(c.me!.user.mustChangePassword).toBe(true);
    }
    expect(initial[0]!.temporaryPassword).not.toBe(initial[1]!.temporaryPassword);
    // The administrator is signed in by the set-up itself and sees the checklist of what to record next.
    expect(ok.json().me.user.username).toBe('admin');
    const cookie = ok.cookies.find((c) => c.name === 'dj_session');
    expect(cookie?.httpOnly).toBe(true);
    const checklist = await t.app.inject({
      method: 'GET',
      url: '/api/setup/checklist',
      headers: { cookie: `dj_session=${cookie!.value}` },
    });
    expect(checklist.statusCode, checklist.body).toBe(200);
    const c = checklist.json() as { steps: { key: string; done: boolean }[]; done: number; total: number };
    expect(c.steps.map((s) => [s.key, s.done])).toEqual([
      ['go_live', true],
      ['org_tree', false],
      ['teams', false],
      ['roster', false],
      ['accounts', false],
      ['rules', false],
    ]);
    expect([c.done, c.total]).toEqual([1, 6]);
    expect(await status()).toMatchObject({
      initialised: true,
      school: { name: '江城职业学院', isDemo: false },
    });
    const admin = await t.login('admin', 'Jiang-Cheng-2026');
    expect(admin.me!.user.mustChangePassword).toBe(false);
    expect(admin.me!.permissions).toEqual(expect.arrayContaining(['system:user:create', 'org:org:create']));
    expect(admin.me!.permissions).not.toContain('audit:log:view');
    const accounts = (await admin.get('/api/users')).json().items as { id: number; username: string }[];
    const auditorId = accounts.find((u) => u.username === 'auditor')!.id;
    expect((await admin.post(`/api/users/${auditorId}/reset-password`)).statusCode).toBe(403);
    const orgs = (await admin.get('/api/orgs')).json();
    expect(orgs).toHaveLength(1);
    expect(orgs[0]).toMatchObject({ type: 'committee', name: '中共江城职业学院委员会' });

    const again = await setup({ mode: 'demo' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_INITIALISED');
  });

  it('the demo college loads with a one-time password that every demo account must change', async () => {
    t = await createTestApp({ empty: true });
    const res = await setup({ mode: 'demo' });
    expect(res.statusCode).toBe(200);
    const password = res.json().generatedPassword as string;
    expect(password.length).toBeGreaterThanOrEqual(12);
    const s = await status();
    expect(s.school.isDemo).toBe(true);
    expect(s.demoAccounts.map((a: { username: string }) => a.username)).toEqual(
      expect.arrayContaining([
        'admin',
        'secadmin',
        'auditor',
        'zzb',
        'leader',
        'zongzhi',
        'zhibu',
        'dangyuan',
      ]),
    );
    const zhibu = await t.login('zhibu', password);
    expect(zhibu.me!.user.mustChangePassword).toBe(true);
    expect((await zhibu.get('/api/orgs')).statusCode).toBe(403);
    // The setup itself is on record.
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'setup.demo')
      .executeTakeFirst();
    expect(entry).toEqual({ action: 'setup.demo', outcome: 'success' });
    // Loading the whole demo college (each module's planted records played through its service) takes 20–30 s on
    // CI's two cores beside another test file.
  }, 180_000);

  it('refuses an unknown mode or extra fields', async () => {
    t = await createTestApp({ empty: true });
    expect((await setup({ mode: 'other' })).statusCode).toBe(400);
    expect((await setup({ mode: 'demo', admin: true })).statusCode).toBe(400);
    expect((await status()).initialised).toBe(false);
  });
});
