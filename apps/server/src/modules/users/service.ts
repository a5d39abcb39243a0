import {
  type AccountAction,
  AppError,
  accountAbilities,
  type CreateUserBody,
  checkRoleGrants,
  type RoleCode,
  type RoleGrant,
  refuseAccountAction,
  roleChanges,
  type UpdateUserBody,
  type UserListItem,
} from '@dangjian/core';
import type { Actor, AuditChange, Clock, Db, Trx } from '../../http/context.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { deleteUserSessions } from '../auth/service.ts';
import * as repo from './repo.ts';

type Q = Db | Trx;

const rolesOf = (actor: Actor): RoleCode[] => actor.grants.map((g) => g.role);

/**
 * Refuses with 403 what the 三员 matrix (core/accounts.ts) refuses; the first refused action wins, so
 * list the most specific first. The refusal names the account and roles in `change`, which runWrite
 * records as a failure for the auditor.
 */
function ensureAllowed(
  actor: Actor,
  actions: readonly AccountAction[],
  before: readonly RoleGrant[],
  after: readonly RoleGrant[],
  targetId: number | null,
  change: AuditChange,
): void {
  for (const action of actions) {
    const reason = refuseAccountAction({
      actorRoles: rolesOf(actor),
      action,
      before,
      after,
      isSelf: targetId === actor.userId,
    });
    if (reason) {
      Object.assign(change, {
        targetType: 'user',
        ...(targetId === null ? {} : { targetId }),
        before: targetId === null ? null : { roles: before },
        after: { roles: after },
      });
      throw new AppError('FORBIDDEN', reason);
    }
  }
}

/** The role grants an account holds now. */
export async function rolesOfUser(trx: Trx, id: number): Promise<RoleGrant[]> {
  const rows = await repo.roleRowsOfUser(trx, id);
  return rows.map((r) => ({ role: r.role, orgId: r.org_id }));
}

/** Users with their roles, as the account list shows them. */
export async function listUsers(
  db: Q,
  clock: Clock,
  actor: Actor,
  query: { q?: string; role?: RoleCode; page: number; pageSize: number; ids?: number[] },
): Promise<{ items: UserListItem[]; total: number }> {
  const { users, total } = await repo.listUserRows(
    db,
    { q: query.q, role: query.role, ids: query.ids },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const roles = users.length
    ? await repo.roleRowsOfUsers(
        db,
        users.map((u) => u.id),
      )
    : [];
  const now = clock.now();
  return {
    total,
    items: users.map((u) => {
      const grants = roles
        .filter((r) => r.user_id === u.id)
        .map((r) => ({ role: r.role, orgId: r.org_id, orgName: r.org_name }));
      return {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        personId: u.person_id,
        roles: grants,
        disabled: u.disabled,
        locked: u.locked_until !== null && new Date(u.locked_until) > now,
        mustChangePassword: u.must_change_password,
        lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
        createdAt: new Date(u.created_at).toISOString(),
        version: u.version,
        abilities: accountAbilities(rolesOf(actor), grants, u.id === actor.userId),
      };
    }),
  };
}

/** One account as the list shows it, with the caller's abilities on it. */
export async function getUser(db: Q, clock: Clock, actor: Actor, id: number): Promise<UserListItem> {
  const { items } = await listUsers(db, clock, actor, { page: 1, pageSize: 1, ids: [id] });
  if (!items[0]) throw new AppError('NOT_FOUND');
  return items[0];
}

async function checkGrants(trx: Trx, grants: RoleGrant[]): Promise<void> {
  const problems = checkRoleGrants(grants);
  const orgIds = [...new Set(grants.map((g) => g.orgId).filter((id): id is number => id !== null))];
  if (orgIds.length > 0) {
    const found = await repo.activeOrgIds(trx, orgIds);
    if (found.length !== orgIds.length) problems.push('授权的党组织不存在或已撤销');
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `角色：${problems.join('；')}`, {
      fields: problems.map((message) => ({ path: 'roles', message })),
    });
  }
}

async function checkPerson(trx: Trx, personId: number | null | undefined): Promise<void> {
  if (personId == null) return;
  const p = await repo.findPersonId(trx, personId);
  if (!p)
    throw new AppError('VALIDATION_FAILED', '关联人员：不存在', {
      fields: [{ path: 'personId', message: '关联人员不存在' }],
    });
}

/** Creates an account with a generated password that must be changed at first sign-in. */
export async function createUser(
  trx: Trx,
  actor: Actor,
  body: CreateUserBody & { personId: number | null },
  change: AuditChange,
): Promise<{ id: number; temporaryPassword: string }> {
  await checkGrants(trx, body.roles);
  ensureAllowed(actor, ['create'], [], body.roles, null, change);
  await checkPerson(trx, body.personId);
  const exists = await repo.findUserIdByUsername(trx, body.username);
  if (exists)
    throw new AppError('CONFLICT', '用户名：已被使用', {
      fields: [{ path: 'username', message: '用户名已被使用' }],
    });
  const temporaryPassword = generatePassword();
  const row = await repo.insertUser(trx, {
    username: body.username,
    display_name: body.displayName,
    person_id: body.personId,
    password_hash: await hashPassword(temporaryPassword),
    must_change_password: true,
  });
  await repo.insertUserRoles(
    trx,
    body.roles.map((g) => ({ user_id: row.id, role: g.role, org_id: g.orgId })),
  );
  Object.assign(change, {
    targetType: 'user',
    targetId: row.id,
    summary: `新建账号：${body.username}`,
    after: {
      username: body.username,
      displayName: body.displayName,
      personId: body.personId,
      roles: body.roles,
    },
  });
  return { id: row.id, temporaryPassword };
}

/**
 * Edits name, linked person, roles or the disabled flag, as far as the 三员 matrix allows; nobody
 * changes their own roles or status.
 */
export async function updateUser(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateUserBody,
  change: AuditChange,
): Promise<void> {
  const user = await repo.lockUser(trx, id);
  if (!user) throw new AppError('NOT_FOUND');
  const before = await rolesOfUser(trx, id);
  const after = body.roles ?? before;
  const { added, removed } = roleChanges(before, after);
  const rolesChanged = added.length > 0 || removed.length > 0;
  if (body.roles) await checkGrants(trx, body.roles);
  const actions: AccountAction[] = [];
  if (added.length > 0) actions.push('grant');
  if (removed.length > 0) actions.push('revoke');
  if (body.disabled !== undefined && body.disabled !== user.disabled) actions.push('disable');
  ensureAllowed(actor, [...actions, 'edit'], before, after, id, change);
  if (user.version !== body.version) throw new AppError('CONFLICT', '该账号已被他人修改，请刷新后重试');
  if (body.personId !== undefined) await checkPerson(trx, body.personId);
  await repo.updateUserRow(trx, id, {
    ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
    ...(body.personId !== undefined ? { person_id: body.personId } : {}),
    ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
    version: user.version + 1,
  });
  if (rolesChanged) {
    await repo.deleteUserRoles(trx, id);
    await repo.insertUserRoles(
      trx,
      after.map((g) => ({ user_id: id, role: g.role, org_id: g.orgId })),
    );
  }
  // New roles or a disabled account take effect at once: end the user's sessions.
  if (rolesChanged || body.disabled) await deleteUserSessions(trx, id);
  Object.assign(change, {
    targetType: 'user',
    targetId: id,
    summary: `修改账号：${user.username}`,
    before: {
      displayName: user.display_name,
      personId: user.person_id,
      disabled: user.disabled,
      roles: before,
    },
    after: { ...body, roles: after },
  });
}

/** Issues a new generated password (to be changed at next sign-in) and ends the user's sessions. */
export async function resetPassword(
  trx: Trx,
  actor: Actor,
  id: number,
  change: AuditChange,
): Promise<string> {
  const user = await repo.lockUser(trx, id);
  if (!user) throw new AppError('NOT_FOUND');
  const roles = await rolesOfUser(trx, id);
  ensureAllowed(actor, ['reset-password'], roles, roles, id, change);
  const temporaryPassword = generatePassword();
  await repo.updateUserBumpingVersion(trx, id, {
    password_hash: await hashPassword(temporaryPassword),
    must_change_password: true,
    failed_attempts: 0,
    locked_until: null,
  });
  await deleteUserSessions(trx, id);
  Object.assign(change, {
    targetType: 'user',
    targetId: id,
    summary: `重置密码：${user.username}`,
    after: { roles, mustChangePassword: true },
  });
  return temporaryPassword;
}

/** Lifts a lockout. */
export async function unlockUser(trx: Trx, actor: Actor, id: number, change: AuditChange): Promise<void> {
  const user = await repo.lockUser(trx, id);
  if (!user) throw new AppError('NOT_FOUND');
  const roles = await rolesOfUser(trx, id);
  ensureAllowed(actor, ['unlock'], roles, roles, id, change);
  await repo.updateUserBumpingVersion(trx, id, { failed_attempts: 0, locked_until: null });
  Object.assign(change, {
    targetType: 'user',
    targetId: id,
    summary: `解锁账号：${user.username}`,
    before: { lockedUntil: user.locked_until },
    after: { lockedUntil: null },
  });
}
