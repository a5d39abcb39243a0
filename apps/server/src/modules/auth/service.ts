import { randomBytes } from 'node:crypto';
import { AppError, checkPassword, type Me } from '@dangjian/core';
import type { Actor, Clock, Db, Trx } from '../../http/context.ts';
import { presentScope } from '../../http/context.ts';
import { absoluteSessionHours, buildActor, sessionIdOf } from '../../http/guard.ts';
import { appendAuditEntry, appendAuditEntryAlone } from '../audit/repo.ts';
import { getSecurityPolicy } from '../settings/service.ts';
import { getInstitution } from '../setup/repo.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { deleteUserSessions, findUserById, findUserByUsername, insertSession } from './repo.ts';

/** Request facts the auth use cases record. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
}

/** The client's view of the signed-in actor. */
export async function presentMe(db: Db | Trx, actor: Actor): Promise<Me> {
  const [school, policy] = await Promise.all([getInstitution(db), getSecurityPolicy(db)]);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      personId: actor.personId,
      mustChangePassword: actor.mustChangePassword,
      roles: actor.grants,
    },
    permissions: [...actor.permissions],
    scope: presentScope(actor.scope),
    csrfToken: actor.csrfToken,
    school: { name: school?.name ?? '', isDemo: school?.is_demo ?? false },
    idleTimeoutMinutes: policy.idleTimeoutMinutes,
  };
}

/**
 * Signs in: lockout after repeated failures (等保 2.0), equal work for unknown users, audit of every
 * attempt. Returns the new session token and the actor.
 */
export async function login(
  db: Db,
  clock: Clock,
  input: { username: string; password: string },
  info: RequestInfo,
): Promise<{ token: string; actor: Actor }> {
  const now = clock.now();
  const policy = await getSecurityPolicy(db);
  const user = await findUserByUsername(db, input.username);
  const fail = async (summary: string, actorId: number | null) => {
    await appendAuditEntryAlone(db, {
      actorId,
      actorName: input.username.slice(0, 64),
      ip: info.ip,
      action: 'auth.login',
      targetType: 'user',
      targetId: actorId === null ? null : String(actorId),
      summary,
      before: null,
      after: null,
      outcome: 'failure',
    });
  };
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await fail('用户名不存在', null);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await fail('账号锁定期间尝试登录', user.id);
    throw new AppError('ACCOUNT_LOCKED');
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const attempts = user.failed_attempts + 1;
    const lock = attempts >= policy.lockoutThreshold;
    await db
      .updateTable('app_user')
      .set(
        lock
          ? { failed_attempts: 0, locked_until: new Date(now.getTime() + policy.lockoutMinutes * 60_000) }
          : { failed_attempts: attempts },
      )
      .where('id', '=', user.id)
      .execute();
    await fail(
      lock
        ? `密码错误，连续 ${attempts} 次，账号锁定 ${policy.lockoutMinutes} 分钟`
        : `密码错误（第 ${attempts} 次）`,
      user.id,
    );
    if (lock)
      throw new AppError(
        'ACCOUNT_LOCKED',
        `连续 ${attempts} 次密码错误，账号已锁定 ${policy.lockoutMinutes} 分钟`,
      );
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled) {
    await fail('账号已停用', user.id);
    throw new AppError('ACCOUNT_DISABLED');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    // Sessions past their absolute lifetime are dead weight: sweep them as people sign in.
    await trx
      .deleteFrom('session')
      .where('created_at', '<', new Date(now.getTime() - absoluteSessionHours * 3_600_000))
      .execute();
    await trx
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await insertSession(trx, {
      id: sessionId,
      userId: user.id,
      csrfToken,
      at: now,
      ip: info.ip,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
    });
    await appendAuditEntry(trx, {
      actorId: user.id,
      actorName: user.username,
      ip: info.ip,
      action: 'auth.login',
      targetType: 'user',
      targetId: String(user.id),
      summary: '登录成功',
      before: null,
      after: null,
      outcome: 'success',
    });
  });
  const actor = await buildActor(
    db,
    {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      personId: user.person_id,
      mustChangePassword: user.must_change_password,
    },
    { sessionId, csrfToken },
  );
  return { token, actor };
}

/** Changes the actor's own password under the policy; other sessions of the user are signed out. */
export async function changeOwnPassword(
  trx: Trx,
  clock: Clock,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findUserById(trx, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw new AppError('VALIDATION_FAILED', '原密码：不正确', {
      fields: [{ path: 'oldPassword', message: '原密码不正确' }],
    });
  }
  const policy = await getSecurityPolicy(trx);
  const problems = checkPassword(newPassword, policy, user.username);
  if (oldPassword === newPassword) problems.push('新密码不能与原密码相同');
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `新密码：${problems.join('；')}`, {
      fields: problems.map((message) => ({ path: 'newPassword', message })),
    });
  }
  await trx
    .updateTable('app_user')
    .set({
      password_hash: await hashPassword(newPassword),
      must_change_password: false,
      password_changed_at: clock.now(),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', user.id)
    .execute();
  await deleteUserSessions(trx, user.id, actor.sessionId);
}
