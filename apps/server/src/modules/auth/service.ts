import { randomBytes } from 'node:crypto';
import { AppError, checkPassword, type Me, passwordHistoryCount } from '@dangjian/core';
import { appendAuditEntry, appendAuditEntryAlone } from '../../http/audit-append.ts';
import type { Actor, Clock, Db, Trx } from '../../http/context.ts';
import { presentScope } from '../../http/context.ts';
import { absoluteSessionHours, buildActor, sessionIdOf } from '../../http/guard.ts';
import { getSecurityPolicy } from '../settings/service.ts';
import { getInstitution } from '../setup/service.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import {
  deleteSessionsCreatedBefore,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  insertSession,
  listPasswordHistory,
  lockIfExhausted,
  personFacts,
  prunePasswordHistory,
  recordSuccessfulLogin,
  reserveGuess,
  setOwnPassword,
} from './repo.ts';

/** Ends a user's sessions (all, or all but one); the users module calls it when roles change or an account is disabled. */
export { deleteUserSessions };

/** Request facts the auth use cases record. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
}

/** The client's view of the signed-in actor. */
export async function presentMe(db: Db | Trx, actor: Actor): Promise<Me> {
  const [school, policy, person] = await Promise.all([
    getInstitution(db),
    getSecurityPolicy(db),
    actor.personId === null ? null : personFacts(db, actor.personId),
  ]);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      personId: actor.personId,
      person,
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
 * Signs in. Every refusal answers the same INVALID_CREDENTIALS whatever the reason (unknown name, wrong password,
 * locked, disabled) after the same argon2 work, so nobody can learn which accounts exist or are locked; the
 * reason goes to the audit log. Lockout (等保 2.0): a guess slot is reserved atomically before the hash is
 * checked, so however many attempts arrive at once, at most `lockoutThreshold` of them are verified before the
 * account locks. Returns the new session token and the actor.
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
  const refuse = async (summary: string, actorId: number | null): Promise<never> => {
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
    throw new AppError('INVALID_CREDENTIALS');
  };
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return refuse('用户名不存在', null);
  }
  const guess = await reserveGuess(db, user.id, now, policy.lockoutThreshold);
  const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
  if (guess === null) {
    // Locked (or every allowed guess already taken): the real hash is not consulted, the timing is kept.
    // Guesses used up with no lock set (a process killed between reserving and locking, a lowered threshold)
    // get their lock now, so it expires like any other instead of holding until someone unlocks it.
    await lockIfExhausted(db, user.id, until, policy.lockoutThreshold);
    await verifyPassword(await dummyPasswordHash(), input.password);
    return refuse('账号锁定期间尝试登录', user.id);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const locked = await lockIfExhausted(db, user.id, until, policy.lockoutThreshold);
    return refuse(
      locked
        ? `密码错误（第 ${guess} 次），连续失败达 ${policy.lockoutThreshold} 次，账号锁定 ${policy.lockoutMinutes} 分钟`
        : `密码错误（第 ${guess} 次）`,
      user.id,
    );
  }
  if (user.disabled) return refuse('账号已停用', user.id);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    // Sessions past their absolute lifetime are dead weight: sweep them as people sign in.
    await deleteSessionsCreatedBefore(trx, new Date(now.getTime() - absoluteSessionHours * 3_600_000));
    await recordSuccessfulLogin(trx, user.id, now);
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
  else if (problems.length === 0 && (await isRecentPassword(trx, user.id, newPassword)))
    problems.push(`不能与最近 ${passwordHistoryCount} 次使用过的密码相同`);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `新密码：${problems.join('；')}`, {
      fields: problems.map((message) => ({ path: 'newPassword', message })),
    });
  }
  await setOwnPassword(trx, user.id, await hashPassword(newPassword), clock.now());
  // The trigger kept the replaced hash; older ones than the policy looks at are forgotten.
  await prunePasswordHistory(trx, user.id, passwordHistoryCount);
  await deleteUserSessions(trx, user.id, actor.sessionId);
}

/** True when `password` is one of the user's last `passwordHistoryCount` replaced passwords. */
async function isRecentPassword(trx: Trx, userId: number, password: string): Promise<boolean> {
  const recent = await listPasswordHistory(trx, userId, passwordHistoryCount);
  const matches = await Promise.all(recent.map((h) => verifyPassword(h.password_hash, password)));
  return matches.includes(true);
}
