import { setupBody, setupChecklist, setupResult, setupStatusSchema } from '@dangjian/core';
import { z } from 'zod';
import { refreshFindings } from '../../http/findings-store.ts';
import { setSessionCookie } from '../../http/guard.ts';
import type { App, Deps } from '../../http/routing.ts';
import { login, presentMe } from '../auth/service.ts';
import { pingDatabase } from './repo.ts';
import { getSetupChecklist, getSetupStatus, setupDemoCollege, setupOwnCollege } from './service.ts';

/** First-run set-up, health and nothing else that is public. */
export function setupRoutes(app: App, { db, clock, config }: Deps): void {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['系统'],
      summary: '健康检查：数据库可用时返回 ok',
      response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.string() }) },
    },
    handler: async (_req, reply) => {
      try {
        await pingDatabase(db);
        return { status: 'ok' as const };
      } catch {
        reply.status(503);
        return { status: 'unavailable' };
      }
    },
  });

  app.get('/api/setup/status', {
    config: { public: true },
    schema: {
      tags: ['初始化'],
      summary: '是否已初始化；演示学校的账号列表',
      response: { 200: setupStatusSchema },
    },
    handler: () => getSetupStatus(db, config.adminPassword !== null),
  });

  app.post('/api/setup', {
    config: { public: true, audit: 'setup' },
    schema: {
      tags: ['初始化'],
      summary: '初始化：建立本校，或载入演示学校（仅在未初始化时可用）',
      body: setupBody,
      response: { 200: setupResult },
    },
    handler: async (req, reply) => {
      if (req.body.mode === 'own') {
        const initialAccounts = await setupOwnCollege(db, req.body, req.ip, clock.now(), clock.today());
        await refreshFindings(db);
        // The administrator who just chose the password is signed in and taken to the set-up checklist.
        const { token, actor } = await login(
          db,
          clock,
          { username: 'admin', password: req.body.adminPassword },
          { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
        );
        setSessionCookie(reply, token, config.secureCookies);
        return {
          ok: true as const,
          generatedPassword: null,
          initialAccounts,
          me: await presentMe(db, actor),
        };
      }
      const { generatedPassword } = await setupDemoCollege(db, clock, config.adminPassword, req.ip);
      // The college's first findings, before anyone looks (a full evaluation: the institution is new).
      await refreshFindings(db);
      if (generatedPassword)
        req.log.warn('演示学校已载入，所有演示账号的初始密码：%s（首次登录须修改）', generatedPassword);
      return { ok: true as const, generatedPassword, initialAccounts: [], me: null };
    },
  });

  app.get('/api/setup/checklist', {
    config: { permission: 'org:org:edit' },
    schema: {
      tags: ['初始化'],
      summary: '新学校的建设清单：启用日期、组织架构、班子届次、党员名册、账号、规则设置，以及完成情况',
      response: { 200: setupChecklist },
    },
    handler: () => getSetupChecklist(db),
  });
}
