import { describe, expect, it } from 'vitest';
import {
  type AccountAction,
  type AccountActorKind,
  type AccountTargetKind,
  accountAbilities,
  accountActionAllowed,
  accountActions,
  accountActorKind,
  accountActorKinds,
  accountTargetKind,
  accountTargetKinds,
  grantableRoles,
  refuseAccountAction,
  roleChanges,
} from './accounts.ts';
import { type RoleCode, type RoleGrant, roleCodes } from './permissions.ts';

const g = (role: RoleCode, orgId: number | null = null): RoleGrant => ({ role, orgId });

/** The matrix as the README states it: Y allowed, - refused; columns ordinary / privileged / self. */
const expected: Record<AccountActorKind, Record<AccountAction, string>> = {
  sys_admin: {
    create: 'Y - -',
    edit: 'Y - Y',
    grant: 'Y - -',
    revoke: 'Y - -',
    disable: 'Y - -',
    'reset-password': 'Y - -',
    unlock: '- - -',
  },
  security_admin: {
    create: '- Y -',
    edit: '- Y Y',
    grant: '- Y -',
    revoke: '- Y -',
    disable: '- Y -',
    'reset-password': '- Y -',
    unlock: 'Y Y -',
  },
  auditor: {
    create: '- - -',
    edit: '- - -',
    grant: '- - -',
    revoke: '- - -',
    disable: '- - -',
    'reset-password': '- - -',
    unlock: '- - -',
  },
  other: {
    create: '- - -',
    edit: '- - -',
    grant: '- - -',
    revoke: '- - -',
    disable: '- - -',
    'reset-password': '- - -',
    unlock: '- - -',
  },
};

/** A representative actor of each kind (the 系统管理员 also holds 组织部管理员, as `admin` does). */
const actors: Record<AccountActorKind, RoleCode[]> = {
  sys_admin: ['sys_admin', 'org_admin'],
  security_admin: ['security_admin'],
  auditor: ['auditor'],
  other: ['org_admin'],
};

/**
 * Roles before/after for each action and target kind, using only roles the actor's realm grants, so
 * the cell alone decides: the sys admin's requests touch ordinary roles, the others' privileged roles.
 */
function request(actor: AccountActorKind, action: AccountAction, target: AccountTargetKind) {
  const ordinaryActor = actor === 'sys_admin';
  const base: RoleGrant[] =
    target === 'privileged'
      ? [g('auditor')]
      : target === 'self'
        ? actors[actor].map((r) => g(r))
        : [g('member')];
  // The role added or removed: one of the actor's own realm where the target kind allows it.
  const extra: RoleGrant =
    target === 'privileged'
      ? g('security_admin')
      : target === 'ordinary' && !ordinaryActor
        ? g('school_leader')
        : g('branch_secretary', 7);
  if (action === 'create')
    return { before: [], after: target === 'privileged' ? [g('auditor')] : [g('member')] };
  if (action === 'grant') return { before: base, after: [...base, extra] };
  if (action === 'revoke') return { before: [...base, extra], after: base };
  return { before: base, after: base };
}

describe('accountActionMatrix', () => {
  const cells = accountActorKinds.flatMap((actor) =>
    accountActions.flatMap((action) =>
      accountTargetKinds
        .filter((target) => !(action === 'create' && target === 'self'))
        .map((target, i) => [actor, action, target, expected[actor][action].split(' ')[i] === 'Y'] as const),
    ),
  );

  it.each(cells)('%s %s on %s account → %s', (actor, action, target, allowed) => {
    const { before, after } = request(actor, action, target);
    const req = { actorRoles: actors[actor], action, before, after, isSelf: target === 'self' };
    expect(accountActionAllowed(req)).toBe(allowed);
    const reason = refuseAccountAction(req);
    if (allowed) expect(reason).toBeNull();
    else expect(reason).toMatch(/^(不能|系统管理员|安全管理员|审计员|您)/);
  });

  it('self is refused with a plain sentence; the realms with 三员分立', () => {
    const reset = (actor: RoleCode[], before: RoleGrant[], isSelf: boolean) =>
      refuseAccountAction({ actorRoles: actor, action: 'reset-password', before, after: before, isSelf });
    expect(reset(['sys_admin'], [g('sys_admin')], true)).toBe('不能重置本人账号的密码，请通过“修改密码”修改');
    expect(reset(['sys_admin'], [g('auditor')], false)).toBe(
      '系统管理员不能重置安全管理员、审计员账号的密码（三员分立）',
    );
    expect(reset(['security_admin'], [g('member')], false)).toBe(
      '安全管理员不能重置普通账号的密码（三员分立）',
    );
    expect(reset(['member'], [g('member')], false)).toBe('您不能重置普通账号的密码（三员分立）');
  });
});

describe('roles of the other realm', () => {
  it('the system administrator cannot create or grant 安全管理员/审计员', () => {
    for (const role of ['security_admin', 'auditor'] as const) {
      expect(
        accountActionAllowed({
          actorRoles: ['sys_admin'],
          action: 'create',
          before: [],
          after: [g(role)],
          isSelf: false,
        }),
      ).toBe(false);
      expect(
        accountActionAllowed({
          actorRoles: ['sys_admin'],
          action: 'grant',
          before: [g('member')],
          after: [g('member'), g(role)],
          isSelf: false,
        }),
      ).toBe(false);
    }
  });

  it('the security administrator cannot add or remove an ordinary role, so no account mixes the realms', () => {
    expect(
      refuseAccountAction({
        actorRoles: ['security_admin'],
        action: 'create',
        before: [],
        after: [g('auditor'), g('member')],
        isSelf: false,
      }),
    ).toBe('角色：“党员”只能由系统管理员授予或撤销（三员分立）');
    expect(
      accountActionAllowed({
        actorRoles: ['security_admin'],
        action: 'grant',
        before: [g('auditor')],
        after: [g('auditor'), g('org_admin')],
        isSelf: false,
      }),
    ).toBe(false);
    // Turning an ordinary account into an auditor's needs both realms: nobody may.
    for (const actor of ['sys_admin', 'security_admin'] as const)
      expect(
        accountActionAllowed({
          actorRoles: [actor],
          action: 'grant',
          before: [g('member')],
          after: [g('auditor')],
          isSelf: false,
        }),
      ).toBe(false);
  });

  it('the security administrator swaps 审计员 for 安全管理员 on a privileged account', () => {
    expect(
      accountActionAllowed({
        actorRoles: ['security_admin'],
        action: 'grant',
        before: [g('auditor')],
        after: [g('security_admin')],
        isSelf: false,
      }),
    ).toBe(true);
  });

  it('the system administrator may grant 系统管理员 to another ordinary account', () => {
    expect(
      accountActionAllowed({
        actorRoles: ['sys_admin'],
        action: 'grant',
        before: [g('org_admin')],
        after: [g('org_admin'), g('sys_admin')],
        isSelf: false,
      }),
    ).toBe(true);
  });
});

describe('helpers', () => {
  it('actor kind: 三员 first, else other', () => {
    expect(accountActorKind(['org_admin', 'sys_admin'])).toBe('sys_admin');
    expect(accountActorKind(['security_admin'])).toBe('security_admin');
    expect(accountActorKind(['auditor'])).toBe('auditor');
    expect(accountActorKind(['org_admin', 'member'])).toBe('other');
    expect(accountActorKind([])).toBe('other');
  });

  it('target kind: self wins; privileged before or after', () => {
    expect(accountTargetKind([g('auditor')], [g('auditor')], true)).toBe('self');
    expect(accountTargetKind([g('member')], [g('member'), g('auditor')], false)).toBe('privileged');
    expect(accountTargetKind([g('security_admin')], [g('member')], false)).toBe('privileged');
    expect(accountTargetKind([g('sys_admin')], [g('sys_admin')], false)).toBe('ordinary');
  });

  it('grantable roles split the catalogue between the two administrators', () => {
    const sys = grantableRoles(['sys_admin', 'org_admin']);
    const sec = grantableRoles(['security_admin']);
    expect(sec).toEqual(['security_admin', 'auditor']);
    expect([...sys, ...sec].sort()).toEqual([...roleCodes].sort());
    expect(grantableRoles(['auditor'])).toEqual([]);
    expect(grantableRoles(['org_admin'])).toEqual([]);
  });

  it('role changes compare role and org', () => {
    expect(
      roleChanges([g('branch_secretary', 1), g('member')], [g('branch_secretary', 2), g('member')]),
    ).toEqual({
      added: [g('branch_secretary', 2)],
      removed: [g('branch_secretary', 1)],
    });
    expect(roleChanges([g('member')], [g('member')])).toEqual({ added: [], removed: [] });
  });

  it('abilities are the row buttons of the account page', () => {
    expect(accountAbilities(['sys_admin'], [g('member')], false)).toEqual([
      'edit',
      'grant',
      'revoke',
      'disable',
      'reset-password',
    ]);
    expect(accountAbilities(['sys_admin'], [g('auditor')], false)).toEqual([]);
    expect(accountAbilities(['sys_admin'], [g('sys_admin')], true)).toEqual(['edit']);
    expect(accountAbilities(['security_admin'], [g('member')], false)).toEqual(['unlock']);
    expect(accountAbilities(['security_admin'], [g('auditor')], false)).toEqual([
      'edit',
      'grant',
      'revoke',
      'disable',
      'reset-password',
      'unlock',
    ]);
    expect(accountAbilities(['auditor'], [g('member')], false)).toEqual([]);
  });
});
