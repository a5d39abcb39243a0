import type { AccountAction, AccountActorKind, AccountTargetKind, RoleCode, RoleGrant } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type client, createTestApp, type TestApp } from './helpers.ts';

/**
 * 三员分立 on accounts, cell by cell: every actor × action × kind of account, through the API. The
 * expected table is the README's (Y allowed → 2xx, - refused → 403 FORBIDDEN with a Chinese reason and
 * nothing changed); columns are ordinary / 安全管理员·审计员 / own account.
 */
const expected: Record<AccountActorKind, Record<AccountAction, string>> = {
  sys_admin: {
    create: 'Y - .',
    edit: 'Y - Y',
    grant: 'Y - -',
    revoke: 'Y - -',
    disable: 'Y - -',
    'reset-password': 'Y - -',
    unlock: '- - -',
  },
  security_admin: {
    create: '- Y .',
    edit: '- Y Y',
    grant: '- Y -',
    revoke: '- Y -',
    disable: '- Y -',
    'reset-password': '- Y -',
    unlock: 'Y Y -',
  },
  auditor: {
    create: '- - .',
    edit: '- - -',
    grant: '- - -',
    revoke: '- - -',
    disable: '- - -',
    'reset-password': '- - -',
    unlock: '- - -',
  },
  other: {
    create: '- - .',
    edit: '- - -',
    grant: '- - -',
    revoke: '- - -',
    disable: '- - -',
    'reset-password': '- - -',
    unlock: '- - -',
  },
};

const g = (role: RoleCode, orgId: number | null = null): RoleGrant => ({ role, orgId });

/** Actors as the demo has them (`admin` is also 组织部管理员); `other` is a 组织部管理员. */
const actorRoles: Record<AccountActorKind, RoleGrant[]> = {
  sys_admin: [g('sys_admin'), g('org_admin')],
  security_admin: [g('security_admin')],
  auditor: [g('auditor')],
  other: [g('org_admin')],
};

type Client = ReturnType<typeof client>;
let t: TestApp;
const actors = {} as Record<AccountActorKind, Client>;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const kind of Object.keys(actorRoles) as AccountActorKind[])
    actors[kind] = await t.as(actorRoles[kind]);
});
afterAll(() => t.close());

/** Everything a refused request must leave as it was. */
async function snapshot(id: number) {
  const user = await t.db
    .selectFrom('app_user')
    .select([
      'display_name',
      'disabled',
      'password_hash',
      'must_change_password',
      'locked_until',
      'failed_attempts',
      'version',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const roles = await t.db
    .selectFrom('user_role')
    .select(['role', 'org_id'])
    .where('user_id', '=', id)
    .orderBy('id')
    .execute();
  const sessions = await t.db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', id)
    .executeTakeFirstOrThrow();
  return { user, roles, sessions: Number(sessions.n) };
}

const version = async (id: number) =>
  (await t.db.selectFrom('app_user').select('version').where('id', '=', id).executeTakeFirstOrThrow())
    .version;

/**
 * The target's roles before, and the roles after the action. On a 安全管理员/审计员 account a grant or a
 * revocation is the swap 审计员 ⇄ 安全管理员 (三员 are exclusive and an account keeps one role at least);
 * on the actor's own account a role is added, or the first one swapped for 党员.
 */
function rolesFor(
  action: AccountAction,
  kind: AccountTargetKind,
  own: RoleGrant[],
): { before: RoleGrant[]; after: RoleGrant[] } {
  if (kind === 'self') {
    if (action === 'grant') return { before: own, after: [...own, g('member')] };
    if (action === 'revoke') return { before: own, after: own.length > 1 ? own.slice(1) : [g('member')] };
    return { before: own, after: own };
  }
  if (kind === 'privileged') {
    if (action === 'grant') return { before: [g('auditor')], after: [g('security_admin')] };
    if (action === 'revoke') return { before: [g('security_admin')], after: [g('auditor')] };
    return { before: [g('auditor')], after: [g('auditor')] };
  }
  if (action === 'grant') return { before: [g('member')], after: [g('member'), g('school_leader')] };
  if (action === 'revoke') return { before: [g('member'), g('school_leader')], after: [g('member')] };
  return { before: [g('member')], after: [g('member')] };
}

const actions = ['create', 'edit', 'grant', 'revoke', 'disable', 'reset-password', 'unlock'] as const;
const kinds = ['ordinary', 'privileged', 'self'] as const;
const cells = (Object.keys(expected) as AccountActorKind[]).flatMap((actor) =>
  actions.flatMap((action) =>
    kinds.flatMap((kind, i) => {
      const mark = expected[actor][action].split(' ')[i];
      return mark === '.' ? [] : [[actor, action, kind, mark === 'Y'] as const];
    }),
  ),
);

describe('三员分立: who may do what to which account', () => {
  it.each(cells)('%s: %s on %s account → allowed %s', async (actor, action, kind, allowed) => {
    const as = actors[actor];
    const { before, after } = rolesFor(action, kind, actorRoles[actor]);

    if (action === 'create') {
      const username = `new${++seq}_${actor}`;
      const count = async () =>
        (await t.db.selectFrom('app_user').select('id').where('username', '=', username).execute()).length;
      const res = await as.post('/api/users', { username, displayName: '新账号', roles: after });
      if (allowed) {
        expect(res.statusCode, res.body).toBe(201);
        expect(await count()).toBe(1);
      } else {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
        expect(await count()).toBe(0);
      }
      return;
    }

    const id = kind === 'self' ? as.me!.user.id : (await t.factory.user(before)).id;
    if (action === 'unlock' && kind !== 'self')
      await t.db
        .updateTable('app_user')
        .set({ locked_until: new Date(t.clock.now().getTime() + 3_600_000), failed_attempts: 5 })
        .where('id', '=', id)
        .execute();
    const was = await snapshot(id);
    const v = await version(id);
    const res =
      action === 'reset-password'
        ? await as.post(`/api/users/${id}/reset-password`)
        : action === 'unlock'
          ? await as.post(`/api/users/${id}/unlock`)
          : await as.patch(`/api/users/${id}`, {
              version: v,
              ...(action === 'edit' ? { displayName: `改名${++seq}` } : {}),
              ...(action === 'grant' || action === 'revoke' ? { roles: after } : {}),
              ...(action === 'disable' ? { disabled: true } : {}),
            });
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      expect(await snapshot(id)).not.toEqual(was);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await snapshot(id)).toEqual(was);
    }
  });
});

describe('the holes that were found', () => {
  it('the system administrator cannot make an auditor, grant the role, reset or disable the auditor', async () => {
    const admin = actors.sys_admin;
    const created = await admin.post('/api/users', {
      username: 'shadow_auditor',
      displayName: '影子审计员',
      roles: [g('auditor')],
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().message).toBe('系统管理员不能新建安全管理员、审计员账号（三员分立）');

    const plain = await t.factory.user([g('member')]);
    const grant = await admin.patch(`/api/users/${plain.id}`, {
      version: await version(plain.id),
      roles: [g('auditor')],
    });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().message).toContain('三员分立');

    const auditor = await t.factory.user([g('auditor')]);
    const reset = await admin.post(`/api/users/${auditor.id}/reset-password`);
    expect(reset.statusCode).toBe(403);
    expect(reset.json().message).toBe('系统管理员不能重置安全管理员、审计员账号的密码（三员分立）');
    // The attempt is on record for the auditor.
    const log = await actors.auditor.get('/api/audit-log?action=user.reset-password&outcome=failure');
    expect(log.json().items).toContainEqual(
      expect.objectContaining({
        actorId: admin.me!.user.id,
        targetType: 'user',
        targetId: String(auditor.id),
        summary: '拒绝：系统管理员不能重置安全管理员、审计员账号的密码（三员分立）',
        before: { roles: [g('auditor')] },
      }),
    );
  });

  it('the security administrator cannot give an account of theirs an ordinary role, nor take over an ordinary account', async () => {
    const sec = actors.security_admin;
    const mixed = await sec.post('/api/users', {
      username: 'auditor_plus',
      displayName: '审计员兼组织部',
      roles: [g('auditor'), g('org_admin')],
    });
    expect(mixed.statusCode).toBe(403);
    expect(mixed.json().message).toBe('角色：“组织部管理员”只能由系统管理员授予或撤销（三员分立）');
    const plain = await t.factory.user([g('org_admin')]);
    const take = await sec.patch(`/api/users/${plain.id}`, {
      version: await version(plain.id),
      roles: [g('auditor')],
    });
    expect(take.statusCode).toBe(403);
  });

  it('nobody resets their own password or changes their own roles', async () => {
    for (const kind of ['sys_admin', 'security_admin'] as const) {
      const as = actors[kind];
      const reset = await as.post(`/api/users/${as.me!.user.id}/reset-password`);
      expect(reset.statusCode).toBe(403);
      expect(reset.json().message).toBe('不能重置本人账号的密码，请通过“修改密码”修改');
    }
    const admin = actors.sys_admin;
    const self = await admin.patch(`/api/users/${admin.me!.user.id}`, {
      version: await version(admin.me!.user.id),
      roles: [g('sys_admin'), g('org_admin'), g('school_leader')],
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe('不能为本人账号授予角色');
    // Saving one's own name with the roles unchanged is fine (the account form sends them).
    const name = await admin.patch(`/api/users/${admin.me!.user.id}`, {
      version: await version(admin.me!.user.id),
      displayName: '管理员甲',
      roles: actorRoles.sys_admin,
    });
    expect(name.statusCode).toBe(200);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('the list says what the caller may do to each account', async () => {
    const auditor = await t.factory.user([g('auditor')]);
    const plain = await t.factory.user([g('member')]);
    const abilities = async (as: Client, id: number) =>
      (await as.get(`/api/users?q=${id === auditor.id ? auditor.username : plain.username}`)).json().items[0]
        .abilities;
    expect(await abilities(actors.sys_admin, auditor.id)).toEqual([]);
    expect(await abilities(actors.sys_admin, plain.id)).toEqual([
      'edit',
      'grant',
      'revoke',
      'disable',
      'reset-password',
    ]);
    expect(await abilities(actors.security_admin, plain.id)).toEqual(['unlock']);
    expect(await abilities(actors.security_admin, auditor.id)).toContain('reset-password');
  });

  it('the auditor sees every grant and reset, with the roles before and after', async () => {
    const sec = actors.security_admin;
    const created = await sec.post('/api/users', {
      username: 'auditor_new',
      displayName: '新审计员',
      roles: [g('auditor')],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as number;
    const swap = await sec.patch(`/api/users/${id}`, {
      version: created.json().user.version,
      roles: [g('security_admin')],
    });
    expect(swap.statusCode).toBe(200);
    expect((await sec.post(`/api/users/${id}/reset-password`)).statusCode).toBe(200);

    const log = await actors.auditor.get('/api/audit-log?targetType=user&pageSize=100');
    expect(log.statusCode).toBe(200);
    const mine = (
      log.json().items as { action: string; targetId: string; before: unknown; after: unknown }[]
    ).filter((e) => e.targetId === String(id));
    const byAction = Object.fromEntries(mine.map((e) => [e.action, e]));
    expect(byAction['user.create']?.after).toMatchObject({ roles: [g('auditor')] });
    expect(byAction['user.update']?.before).toMatchObject({ roles: [g('auditor')] });
    expect(byAction['user.update']?.after).toMatchObject({ roles: [g('security_admin')] });
    expect(byAction['user.reset-password']?.after).toMatchObject({ roles: [g('security_admin')] });
    expect(JSON.stringify(mine)).not.toContain(created.json().temporaryPassword);
  });
});
