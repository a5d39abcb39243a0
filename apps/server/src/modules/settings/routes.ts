import { goLiveSettingsSchema, ruleSettingsSchema, securityPolicySchema } from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import {
  getGoLiveSettings,
  getRuleSettings,
  getSecurityPolicy,
  updateGoLiveSettings,
  updateRuleSettings,
  updateSecurityPolicy,
} from './service.ts';

const tags = ['设置'];

/** Rule thresholds (组织部) and the security policy (安全管理员). */
export function settingsRoutes(app: App, { db, policy, clock }: Deps): void {
  app.get('/api/settings/rules', {
    config: { permission: 'setting:rule:view' },
    schema: { tags, summary: '规则阈值设置', response: { 200: ruleSettingsSchema } },
    handler: () => getRuleSettings(db),
  });
  app.put('/api/settings/rules', {
    config: { permission: 'setting:rule:edit', audit: 'setting.rules.update' },
    schema: {
      tags,
      summary: '修改规则阈值（全国性规定只能从严）',
      body: ruleSettingsSchema,
      response: { 200: ruleSettingsSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        updateRuleSettings(trx, req.body, req.actor!.userId, clock.now(), change),
      ),
  });
  app.get('/api/settings/go-live', {
    config: { permission: 'setting:rule:view' },
    schema: { tags, summary: '启用日期与各规则的启用日期', response: { 200: goLiveSettingsSchema } },
    handler: () => getGoLiveSettings(db),
  });
  app.put('/api/settings/go-live', {
    config: { permission: 'setting:rule:edit', audit: 'setting.go_live.update' },
    schema: {
      tags,
      summary: '修改启用日期（此前各期不再提示；不能晚于今天）',
      body: goLiveSettingsSchema,
      response: { 200: goLiveSettingsSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) => updateGoLiveSettings(trx, req.body, clock.today(), change)),
  });
  app.get('/api/settings/security', {
    config: { permission: 'security:policy:view' },
    schema: { tags, summary: '安全策略', response: { 200: securityPolicySchema } },
    handler: () => getSecurityPolicy(db),
  });
  app.put('/api/settings/security', {
    config: { permission: 'security:policy:edit', audit: 'setting.security.update' },
    schema: {
      tags,
      summary: '修改安全策略',
      body: securityPolicySchema,
      response: { 200: securityPolicySchema },
    },
    handler: async (req) => {
      const value = await runWrite(db, req, (trx, change) =>
        updateSecurityPolicy(trx, req.body, req.actor!.userId, clock.now(), change),
      );
      policy.invalidate();
      return value;
    },
  });
  app.get('/api/settings/security-hint', {
    config: { authenticated: true, allowPendingPasswordChange: true },
    schema: {
      tags,
      summary: '密码要求（供修改密码页提示）',
      response: { 200: z.object({ passwordMinLength: z.number(), passwordMinClasses: z.number() }) },
    },
    handler: async () => {
      const p = await getSecurityPolicy(db);
      return { passwordMinLength: p.passwordMinLength, passwordMinClasses: p.passwordMinClasses };
    },
  });
}
