import { createHash } from 'node:crypto';
import { AppError, type PermissionCode, permissionsFor, type RoleGrant, scopeFor } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import { appendAuditEntryAlone } from './audit-append.ts';
import type { Actor, Clock, Db, ResolvedScope } from './context.ts';
import type { PolicyCache } from './policy-cache.ts';
import {
  deleteSession,
  findSessionWithUser,
  type GrantRow,
  listRoleGrants,
  touchSession,
} from './sessions.ts';

export const sessionCookie = 'dj_session';
/** A session lives at most this long, however active. */
export const absoluteSessionHours = 12;

/** Sets the session cookie of a new session (sign-in, and the administrator at set-up). */
export function setSessionCookie(
  reply: { setCookie: (name: string, value: string, options: Record<string, unknown>) => unknown },
  token: string,
  secure: boolean,
): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: absoluteSessionHours * 3600,
  });
}

/** sha256 of a session token: what the database keeps. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Builds the actor of a user: permissions from their roles, scope with subtree paths resolved. */
export async function buildActor(
  db: Db,
  user: {
    userId: number;
    username: string;
    displayName: string;
    personId: number | null;
    mustChangePassword: boolean;
  },
  session: { sessionId: string; csrfToken: string },
  /** The grants when the caller has read them already (the guard reads them with the session). */
  known?: readonly GrantRow[],
): Promise<Actor> {
  const rows = known ?? (await listRoleGrants(db, user.userId));
  const grants: RoleGrant[] = rows.map((r) => ({ role: r.role, orgId: r.orgId }));
  const scope = scopeFor(grants);
  let resolved: ResolvedScope;
  if (scope.kind === 'subtrees') {
    const paths = rows
      .filter((r) => r.orgId !== null && scope.orgIds.includes(r.orgId) && r.orgPath)
      .map((r) => r.orgPath!);
    resolved = { kind: 'subtrees', orgIds: scope.orgIds, paths: [...new Set(paths)] };
  } else if (scope.kind === 'self') {
    resolved = { kind: 'self', personId: user.personId };
  } else {
    resolved = { kind: 'all' };
  }
  return {
    ...user,
    grants: rows.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
    permissions: new Set(permissionsFor(grants)),
    scope: resolved,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
  };
}

/** Checks one permission of the actor; throws FORBIDDEN. */
export function requirePermission(actor: Actor, permission: PermissionCode): void {
  if (!actor.permissions.has(permission)) throw new AppError('FORBIDDEN', `没有“${permission}”权限`);
}

/**
 * Authentication, idle timeout, CSRF and the route's declared permission, before the body is even
 * parsed: an unauthorised caller learns nothing about validation.
 */
export function registerGuard(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; policy: PolicyCache },
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config;
    // Static files and the single-page app are public; every /api route declares its access.
    if (!req.routeOptions.url?.startsWith('/api') || cfg.public) return;
    const token = req.cookies[sessionCookie];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const sessionId = sessionIdOf(token);
    const row = await findSessionWithUser(deps.db, sessionId);
    if (!row || row.disabled) {
      reply.clearCookie(sessionCookie, { path: '/' });
      throw new AppError('UNAUTHENTICATED');
    }
    const now = deps.clock.now();
    const policy = await deps.policy.get();
    const idleMs = policy.idleTimeoutMinutes * 60_000;
    const lastSeen = new Date(row.lastSeenAt).getTime();
    if (
      now.getTime() - lastSeen > idleMs ||
      now.getTime() - new Date(row.createdAt).getTime() > absoluteSessionHours * 3_600_000
    ) {
      await deleteSession(deps.db, sessionId);
      reply.clearCookie(sessionCookie, { path: '/' });
      throw new AppError('SESSION_EXPIRED');
    }
    // Write the activity time at most once a minute: no write amplification on busy pages.
    if (now.getTime() - lastSeen > 60_000) await touchSession(deps.db, sessionId, now);

    const actor = await buildActor(deps.db, row, row, row.grants);
    req.actor = actor;

    if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== actor.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    if (actor.mustChangePassword && !cfg.allowPendingPasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (cfg.permission && !actor.permissions.has(cfg.permission)) {
      await appendAuditEntryAlone(deps.db, {
        actorId: actor.userId,
        actorName: actor.username,
        ip: req.ip,
        action: 'access.denied',
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url}`,
        summary: `缺少权限 ${cfg.permission}`,
        before: null,
        after: null,
        outcome: 'failure',
      });
      throw new AppError('FORBIDDEN');
    }
  });
}
