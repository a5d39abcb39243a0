import { changePasswordBody, errorResponse, loginBody, meSchema, okResponse } from '@dangjian/core';
import type { FastifyReply } from 'fastify';
import { sessionCookie, setSessionCookie } from '../../http/guard.ts';
import type { App, Deps } from '../../http/routing.ts';
import { deleteSession } from '../../http/sessions.ts';
import { runWrite } from '../../http/write.ts';
import { changeOwnPassword, login, presentMe } from './service.ts';

const tags = ['认证'];

/** Sign in, sign out, who am I, change my password. */
export function authRoutes(app: App, { db, clock, config }: Deps): void {
  const setCookie = (reply: FastifyReply, token: string) =>
    setSessionCookie(reply, token, config.secureCookies);

  const perMinute = config.loginAttemptsPerMinute;
  app.post('/api/auth/login', {
    // Per source address, on top of the per-account lockout: slows password spraying across accounts.
    config: { public: true, ...(perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {}) },
    schema: {
      tags,
      summary: '登录：返回用户、权限与 CSRF 令牌，并设置会话 Cookie',
      body: loginBody,
      // Every refusal (unknown, wrong, locked, disabled) is one 401; 400/429 are added in app.ts.
      response: { 200: meSchema, 401: errorResponse },
    },
    handler: async (req, reply) => {
      const { token, actor } = await login(db, clock, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      setCookie(reply, token);
      return presentMe(db, actor);
    },
  });

  app.post('/api/auth/logout', {
    config: { authenticated: true, allowPendingPasswordChange: true, audit: 'auth.logout' },
    schema: { tags, summary: '退出登录', response: { 200: okResponse } },
    handler: async (req, reply) => {
      await runWrite(db, req, async (trx, change) => {
        await deleteSession(trx, req.actor!.sessionId);
        Object.assign(change, { targetType: 'user', targetId: req.actor!.userId, summary: '退出登录' });
      });
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/auth/me', {
    config: { authenticated: true, allowPendingPasswordChange: true },
    schema: { tags, summary: '当前用户', response: { 200: meSchema } },
    handler: (req) => presentMe(db, req.actor!),
  });

  app.post('/api/auth/password', {
    config: { authenticated: true, allowPendingPasswordChange: true, audit: 'auth.password.change' },
    schema: { tags, summary: '修改本人密码', body: changePasswordBody, response: { 200: meSchema } },
    handler: async (req) => {
      await runWrite(db, req, async (trx, change) => {
        await changeOwnPassword(trx, clock, req.actor!, req.body.oldPassword, req.body.newPassword);
        Object.assign(change, { targetType: 'user', targetId: req.actor!.userId, summary: '修改本人密码' });
      });
      return presentMe(db, { ...req.actor!, mustChangePassword: false });
    },
  });
}
