// The server operator's way back into the platform (`npm run account:recover`, cli/account-recover.ts): who holds
// a shell, the database and the audit key can reset any account or create a 安全管理员/审计员 account, which no
// one in the platform can do once the last 安全管理员 is lost (三员分立, core/accounts.ts). Recorded in the audit
// log like every other change, so the auditor sees it.
import {
  AppError,
  createUserBody,
  type RoleGrant,
  recoverableRoles,
  refuseRecoveryRole,
  roleLabels,
} from '@dangjian/core';
import { appendAuditEntry } from '../../http/audit-append.ts';
import { currentAuditKeyring } from '../../http/audit-keyring.ts';
import type { Trx } from '../../http/context.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { deleteUserSessions } from '../auth/service.ts';
import * as repo from './repo.ts';
import { rolesOfUser } from './service.ts';

/** A role the recovery command may create an account with. */
export type RecoverableRole = (typeof recoverableRoles)[number];

/** What the operator asked for, validated. */
export interface RecoverRequest {
  username: string;
  /** Required to create a missing account; for an existing one, the role it must already hold. */
  role: RecoverableRole | null;
  displayName: string | null;
}

/** The audit log's name for the actor: no platform user, the person at the server's shell. */
export const recoveryActorName = '服务器命令行（运维）';

export const recoverUsage =
  '用法：npm run account:recover -- <用户名> [--role security_admin|auditor] [--display-name 名称]';

/**
 * Reads the command's arguments; refuses (AppError, Chinese message) a missing or invalid username — the
 * rules of the account API's create schema — and a role or name the command may not use.
 */
export function parseRecoverArgs(args: readonly string[]): RecoverRequest {
  let username: string | null = null;
  let role: string | null = null;
  let displayName: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--role' || arg === '--display-name') {
      const value = args[++i];
      if (value === undefined) throw new AppError('VALIDATION_FAILED', `${arg} 后缺少取值。${recoverUsage}`);
      if (arg === '--role') role = value;
      else displayName = value;
    } else if (arg.startsWith('--') || username !== null) {
      throw new AppError('VALIDATION_FAILED', `无法识别的参数“${arg}”。${recoverUsage}`);
    } else {
      username = arg;
    }
  }
  if (username === null) throw new AppError('VALIDATION_FAILED', recoverUsage);
  const name = createUserBody.shape.username.safeParse(username);
  if (!name.success) throw new AppError('VALIDATION_FAILED', `用户名：${name.error.issues[0]!.message}`);
  let recoverable: RecoverableRole | null = null;
  if (role !== null) {
    const refusal = refuseRecoveryRole(role);
    if (refusal) throw new AppError('FORBIDDEN', refusal);
    recoverable = recoverableRoles.find((r) => r === role) ?? null;
  }
  let display: string | null = null;
  if (displayName !== null) {
    const parsed = createUserBody.shape.displayName.safeParse(displayName);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', `姓名：${parsed.error.issues[0]!.message}`);
    display = parsed.data;
  }
  return { username: name.data, role: recoverable, displayName: display };
}

/** What the command did, for its message. */
export interface RecoverResult {
  username: string;
  created: boolean;
  roles: RoleGrant[];
  temporaryPassword: string;
  summary: string;
}

const rolesText = (roles: readonly RoleGrant[]) =>
  roles.length > 0 ? roles.map((g) => roleLabels[g.role]).join('、') : '无角色';

/**
 * Resets the account (a one-time password to change at sign-in, lockout cleared, enabled, its sessions ended)
 * or creates it with `role`, and appends the audit entry — all in `trx`. Never records the password.
 */
export async function recoverAccount(trx: Trx, req: RecoverRequest, now: Date): Promise<RecoverResult> {
  // An entry under another key would read as tampering at the next verification: refuse a wrong key here.
  const keyId = currentAuditKeyring().keyId;
  const last = await repo.lastAuditKeyId(trx);
  if (last?.key_id && last.key_id !== keyId)
    throw new AppError(
      'CONFLICT',
      `审计密钥（编号 ${keyId}）不是平台所用的密钥（审计日志中为 ${last.key_id}）：请使用平台启动时的` +
        ' DJ_AUDIT_KEY 或 DATA_DIR/audit-key',
    );
  const user = await repo.lockUserByUsername(trx, req.username);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  let result: RecoverResult;
  let before: unknown = null;
  let after: unknown;
  let id: number;

  if (user) {
    id = user.id;
    const roles = await rolesOfUser(trx, id);
    if (req.role && !roles.some((g) => g.role === req.role))
      throw new AppError(
        'CONFLICT',
        `账号 ${user.username} 已存在，但不是${roleLabels[req.role]}（现有角色：${rolesText(roles)}）；` +
          '此命令不更改已有账号的角色，请换一个用户名新建',
      );
    if (req.displayName !== null)
      throw new AppError('CONFLICT', `账号 ${user.username} 已存在；--display-name 只用于新建账号`);
    await repo.updateUserBumpingVersion(trx, id, {
      password_hash: passwordHash,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      disabled: false,
    });
    await deleteUserSessions(trx, id);
    const locked = user.locked_until !== null && new Date(user.locked_until) > now;
    const done = [
      '重置为一次性密码（首次登录须修改）',
      ...(locked || user.failed_attempts > 0 ? ['解除锁定'] : []),
      ...(user.disabled ? ['启用'] : []),
      '结束其全部会话',
    ];
    result = {
      username: user.username,
      created: false,
      roles,
      temporaryPassword,
      summary: `服务器命令行恢复账号 ${user.username}（${rolesText(roles)}）：${done.join('、')}`,
    };
    before = {
      roles,
      disabled: user.disabled,
      lockedUntil: user.locked_until,
      failedAttempts: user.failed_attempts,
      mustChangePassword: user.must_change_password,
    };
    after = { roles, disabled: false, lockedUntil: null, failedAttempts: 0, mustChangePassword: true };
  } else {
    if (!req.role)
      throw new AppError(
        'NOT_FOUND',
        `账号 ${req.username} 不存在。如需新建，请用 --role security_admin 或 --role auditor 指定角色；` +
          '其他角色的账号由系统管理员在平台中新建',
      );
    const roles: RoleGrant[] = [{ role: req.role, orgId: null }];
    const displayName = req.displayName ?? roleLabels[req.role];
    const row = await repo.insertUser(trx, {
      username: req.username,
      display_name: displayName,
      person_id: null,
      password_hash: passwordHash,
      must_change_password: true,
    });
    id = row.id;
    await repo.insertUserRoles(trx, [{ user_id: id, role: req.role, org_id: null }]);
    result = {
      username: req.username,
      created: true,
      roles,
      temporaryPassword,
      summary: `服务器命令行新建${roleLabels[req.role]}账号 ${req.username}（一次性密码，首次登录须修改）`,
    };
    after = { username: req.username, displayName, roles, mustChangePassword: true };
  }

  await appendAuditEntry(trx, {
    at: now,
    actorId: null,
    actorName: recoveryActorName,
    ip: null,
    action: 'account.recover',
    targetType: 'user',
    targetId: String(id),
    summary: result.summary,
    before,
    after,
    outcome: 'success',
  });
  return result;
}
