/**
 * Who may do what to which account (三员分立: GB/T 22239-2019 第三级
 * 8.1.4.2 d)「授予管理用户所需的最小权限，实现管理用户的权限分离」and 8.1.5 安全管理中心): the system
 * administrator, the security administrator and the auditor check one another, so none of them can
 * take over another's duty through account management. The server refuses what this table refuses;
 * the account page shows only what it allows.
 */
import { type RoleCode, type RoleGrant, roleCodes, roleLabels } from './permissions.ts';

/** Things done to an account. `disable` covers 停用 and 启用; `edit` is any change of the account. */
export const accountActions = [
  'create',
  'edit',
  'grant',
  'revoke',
  'disable',
  'reset-password',
  'unlock',
] as const;
export type AccountAction = (typeof accountActions)[number];

export const accountActionLabels = {
  create: '新建账号',
  edit: '编辑姓名与关联党员',
  grant: '授予角色',
  revoke: '撤销角色',
  disable: '停用或启用',
  'reset-password': '重置密码',
  unlock: '解锁',
} as const satisfies Record<AccountAction, string>;

/** The roles of the 安全管理员's realm: only they grant or revoke them and manage their accounts. */
export const privilegedRoles = ['security_admin', 'auditor'] as const satisfies readonly RoleCode[];

/**
 * The account an action is done to: `privileged` holds (or would hold) 安全管理员 or 审计员, `self` is
 * the actor's own, `ordinary` is any other (系统管理员 accounts included).
 */
export const accountTargetKinds = ['ordinary', 'privileged', 'self'] as const;
export type AccountTargetKind = (typeof accountTargetKinds)[number];

export const accountTargetKindLabels = {
  ordinary: '普通账号',
  privileged: '安全管理员、审计员账号',
  self: '本人账号',
} as const satisfies Record<AccountTargetKind, string>;

/** Who acts: one of 三员, or anybody else. 三员 are exclusive, so an account is at most one of them. */
export const accountActorKinds = ['sys_admin', 'security_admin', 'auditor', 'other'] as const;
export type AccountActorKind = (typeof accountActorKinds)[number];

/**
 * The matrix: for each actor and action, the kinds of account it may be done to. The system
 * administrator manages every account outside the 安全管理员's realm; the security administrator
 * manages only 安全管理员/审计员 accounts and unlocks any account; the auditor and everybody else
 * manage none. Nobody grants, revokes, disables, resets or unlocks their own account.
 */
export const accountActionMatrix = {
  sys_admin: {
    create: ['ordinary'],
    edit: ['ordinary', 'self'],
    grant: ['ordinary'],
    revoke: ['ordinary'],
    disable: ['ordinary'],
    'reset-password': ['ordinary'],
    unlock: [],
  },
  security_admin: {
    create: ['privileged'],
    edit: ['privileged', 'self'],
    grant: ['privileged'],
    revoke: ['privileged'],
    disable: ['privileged'],
    'reset-password': ['privileged'],
    unlock: ['ordinary', 'privileged'],
  },
  auditor: { create: [], edit: [], grant: [], revoke: [], disable: [], 'reset-password': [], unlock: [] },
  other: { create: [], edit: [], grant: [], revoke: [], disable: [], 'reset-password': [], unlock: [] },
} as const satisfies Record<AccountActorKind, Record<AccountAction, readonly AccountTargetKind[]>>;

/** Who grants and revokes each role: 安全管理员 and 审计员 by the security administrator, all others by the system administrator. */
export const roleGrantedBy = {
  sys_admin: 'sys_admin',
  security_admin: 'security_admin',
  auditor: 'security_admin',
  org_admin: 'sys_admin',
  school_leader: 'sys_admin',
  general_branch_secretary: 'sys_admin',
  branch_secretary: 'sys_admin',
  member: 'sys_admin',
} as const satisfies Record<RoleCode, 'sys_admin' | 'security_admin'>;

const privileged: readonly RoleCode[] = privilegedRoles;

/** The 三员 role an actor acts as, or `other`. */
export function accountActorKind(actorRoles: readonly RoleCode[]): AccountActorKind {
  for (const kind of ['sys_admin', 'security_admin', 'auditor'] as const)
    if (actorRoles.includes(kind)) return kind;
  return 'other';
}

/** The kind of the target account from its roles before and after the change (empty before a create). */
export function accountTargetKind(
  before: readonly RoleGrant[],
  after: readonly RoleGrant[],
  isSelf: boolean,
): AccountTargetKind {
  if (isSelf) return 'self';
  return [...before, ...after].some((g) => privileged.includes(g.role)) ? 'privileged' : 'ordinary';
}

/** The roles an actor may grant or revoke (what the account form offers). */
export function grantableRoles(actorRoles: readonly RoleCode[]): RoleCode[] {
  const kind = accountActorKind(actorRoles);
  return (Object.keys(roleGrantedBy) as RoleCode[]).filter((r) => roleGrantedBy[r] === kind);
}

const key = (g: RoleGrant) => `${g.role}:${g.orgId ?? ''}`;

/** The grants added and removed by a change of roles (a role moved to another org is both). */
export function roleChanges(
  before: readonly RoleGrant[],
  after: readonly RoleGrant[],
): { added: RoleGrant[]; removed: RoleGrant[] } {
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return { added: after.filter((g) => !had.has(key(g))), removed: before.filter((g) => !has.has(key(g))) };
}

function phrase(action: AccountAction, target: string): string {
  switch (action) {
    case 'create':
      return `新建${target}`;
    case 'edit':
      return `编辑${target}`;
    case 'grant':
      return `为${target}授予角色`;
    case 'revoke':
      return `撤销${target}的角色`;
    case 'disable':
      return `停用或启用${target}`;
    case 'reset-password':
      return `重置${target}的密码`;
    case 'unlock':
      return `解锁${target}`;
  }
}

/** What an actor wants to do to an account. `before` is empty for a create; `after` equals `before` when roles do not change. */
export interface AccountActionRequest {
  actorRoles: readonly RoleCode[];
  action: AccountAction;
  before: readonly RoleGrant[];
  after: readonly RoleGrant[];
  isSelf: boolean;
}

/**
 * Why the action is refused (a Chinese sentence naming the field when it is about roles), or null
 * when the matrix allows it. For `create`, `grant` and `revoke` every role added or removed must also
 * be one the actor grants (`roleGrantedBy`), so no account mixes the two realms.
 */
export function refuseAccountAction(req: AccountActionRequest): string | null {
  const actor = accountActorKind(req.actorRoles);
  const target = accountTargetKind(req.before, req.after, req.isSelf);
  const allowed: readonly AccountTargetKind[] = accountActionMatrix[actor][req.action];
  if (!allowed.includes(target)) {
    const what = phrase(req.action, accountTargetKindLabels[target]);
    if (target === 'self')
      return req.action === 'reset-password' ? `不能${what}，请通过“修改密码”修改` : `不能${what}`;
    return `${actor === 'other' ? '您' : roleLabels[actor]}不能${what}（三员分立）`;
  }
  if (req.action === 'create' || req.action === 'grant' || req.action === 'revoke') {
    const { added, removed } = roleChanges(req.before, req.after);
    for (const g of [...added, ...removed]) {
      const by = roleGrantedBy[g.role];
      if (by !== actor) return `角色：“${roleLabels[g.role]}”只能由${roleLabels[by]}授予或撤销（三员分立）`;
    }
  }
  return null;
}

/** Whether the matrix allows the action; see `refuseAccountAction` for the reason when not. */
export function accountActionAllowed(req: AccountActionRequest): boolean {
  return refuseAccountAction(req) === null;
}

/** The actions an actor may take on an existing account as it stands (the row buttons of the account page). */
export function accountAbilities(
  actorRoles: readonly RoleCode[],
  targetRoles: readonly RoleGrant[],
  isSelf: boolean,
): AccountAction[] {
  const actor = accountActorKind(actorRoles);
  const target = accountTargetKind(targetRoles, targetRoles, isSelf);
  return accountActions.filter(
    (a) => a !== 'create' && (accountActionMatrix[actor][a] as readonly AccountTargetKind[]).includes(target),
  );
}

/**
 * The roles the server operator's recovery command (`npm run account:recover`) may create an account with:
 * the 安全管理员's realm, which nobody in the platform can restore once its last holder is lost (only a
 * 安全管理员 manages those accounts). Every other role is granted in the platform by the 系统管理员.
 */
export const recoverableRoles = privilegedRoles;

/** Why the recovery command refuses to create an account with `role` (a Chinese sentence), or null. */
export function refuseRecoveryRole(role: string): string | null {
  const allowed: readonly string[] = recoverableRoles;
  if (allowed.includes(role)) return null;
  const choices = recoverableRoles.map((r) => `${r}（${roleLabels[r]}）`).join('或');
  const known = roleCodes.find((r) => r === role);
  return known
    ? `“${roleLabels[known]}”账号由系统管理员在平台中管理，此命令只能新建${choices}账号`
    : `未知角色“${role}”：此命令只能新建${choices}账号`;
}
