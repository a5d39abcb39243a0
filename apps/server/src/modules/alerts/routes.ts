import {
  acknowledgeAlertBody,
  alertDetail,
  alertFilterQuery,
  alertKeyParams,
  alertList,
  alertQuery,
  assignAlertBody,
  dashboardSchema,
  ruleCatalogue,
  ruleCatalogueResponse,
  ruleIds,
} from '@dangjian/core';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { pathInScope } from '../../http/scope.ts';
import { runWrite } from '../../http/write.ts';
import { getComplianceRates, getReminders } from '../compliance/service.ts';
import { recruitmentReminders } from '../recruitment/service.ts';
import { buildAlertsXlsx } from './export.ts';
import * as repo from './repo.ts';
import {
  acknowledgeAlert,
  alertSummary,
  assignAlert,
  exportAlerts,
  getAlert,
  listAlerts,
} from './service.ts';

const tags = ['监测预警'];

/** Alerts (rule findings) within scope, the rule catalogue and the home dashboard. */
export function alertRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/alerts', {
    config: { permission: 'alert:alert:view' },
    schema: {
      tags,
      summary:
        '监测预警：当前范围内的规则发现（分页，读自已保存的评估结果），默认列出待处理和已确认的；可按组织子树、规则、级别、状态、类别、期间、发现日期、责任人、关键词筛选；各级别、状态、规则的条数不计该项本身的筛选',
      querystring: alertQuery,
      response: { 200: alertList },
    },
    handler: async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const list = await listAlerts(db, req.actor!, filter, { page, pageSize });
      return { ...list, page, pageSize, today: clock.today() };
    },
  });

  app.get('/api/alerts/:key', {
    // 查看监测预警 within scope, or the person the finding is assigned to (checked by the service).
    config: { authenticated: true },
    schema: {
      tags,
      summary: '一条预警及其经过（发现、确认、指派、解决、再次出现）',
      params: alertKeyParams,
      response: { 200: alertDetail },
    },
    handler: async (req) => getAlert(db, req.actor!, req.params.key),
  });

  app.post('/api/alerts/:key/acknowledge', {
    config: { permission: 'alert:alert:handle', audit: 'alert.acknowledge' },
    schema: {
      tags,
      summary: '确认预警（须填写说明；确认后上级仍能看到该预警）',
      params: alertKeyParams,
      body: acknowledgeAlertBody,
      response: { 200: alertDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, async (trx, change) => {
        const done = await acknowledgeAlert(trx, req.actor!, req.params.key, req.body.comment, clock.now());
        Object.assign(change, { targetType: 'finding', targetId: done.id, summary: done.summary });
      });
      return getAlert(db, req.actor!, req.params.key);
    },
  });

  app.post('/api/alerts/:key/assign', {
    config: { permission: 'alert:alert:handle', audit: 'alert.assign' },
    schema: {
      tags,
      summary: '指派预警的责任人（本范围内的人员；personId 为 null 时取消指派）',
      params: alertKeyParams,
      body: assignAlertBody,
      response: { 200: alertDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, async (trx, change) => {
        const done = await assignAlert(trx, req.actor!, req.params.key, req.body, clock.now());
        Object.assign(change, { targetType: 'finding', targetId: done.id, summary: done.summary });
      });
      return getAlert(db, req.actor!, req.params.key);
    },
  });

  app.get('/api/alerts/export.xlsx', {
    config: { permission: 'alert:alert:view' },
    schema: { tags, summary: '导出监测预警（Excel，按当前筛选条件，不分页）', querystring: alertFilterQuery },
    handler: async (req, reply) => {
      const today = clock.today();
      const { items, orgName } = await exportAlerts(db, req.actor!, req.query);
      const name = orgName ?? '全部';
      const buffer = await buildAlertsXlsx(`监测预警 — ${name}`, today, items);
      return sendDownload(
        reply,
        xlsxContentType,
        `监测预警-${name}-${today}.xlsx`,
        buffer,
        `alerts-${today}.xlsx`,
      );
    },
  });

  app.get('/api/alerts/rules', {
    config: { permission: 'alert:alert:view' },
    schema: { tags, summary: '规则目录（每条规则的依据条款）', response: { 200: ruleCatalogueResponse } },
    handler: async () =>
      ruleIds.map((ruleId) => {
        const r = ruleCatalogue[ruleId];
        return { ruleId, title: r.title, kind: r.kind, severity: r.severity, clause: r.clause };
      }),
  });

  app.get('/api/dashboard', {
    config: { permission: 'dashboard:home:view' },
    schema: { tags: ['首页'], summary: '首页统计', response: { 200: dashboardSchema } },
    handler: async (req) => {
      const today = clock.today();
      const actor = req.actor!;
      const seesOrgs = actor.permissions.has('org:org:view');
      if (!seesOrgs) {
        return {
          orgCounts: {},
          memberCounts: { total: 0, full: 0, probationary: 0 },
          alertCounts: { error: 0, warning: 0, info: 0, total: 0 },
          alertsByRule: [],
          termsEndingSoon: 0,
          complianceRates: [],
          remindersCount: 0,
          recruitmentDue: 0,
          today,
        };
      }
      const [orgRows, memberRows, alerts] = await Promise.all([
        repo.activeOrgCountsByType(db, pathInScope(actor.scope, 'o.path')),
        repo.activeMemberCountsByPartyStatus(db, pathInScope(actor.scope, 'o.path')),
        actor.permissions.has('alert:alert:view') ? alertSummary(db, actor) : null,
      ]);
      const seesLife = actor.permissions.has('life:activity:view');
      const [rates, reminders] = seesLife
        ? await Promise.all([
            getComplianceRates(db, actor, Number(today.slice(0, 4)), today),
            getReminders(db, actor, today),
          ])
        : [null, null];
      const recruitment = actor.permissions.has('recruitment:dossier:view')
        ? await recruitmentReminders(db, actor, today)
        : [];
      const counts = alerts?.counts ?? { error: 0, warning: 0, info: 0, total: 0 };
      const byRule = alerts?.byRule ?? [];
      const full = Number(memberRows.find((r) => r.party_status === 'full')?.n ?? 0);
      const probationary = Number(memberRows.find((r) => r.party_status === 'probationary')?.n ?? 0);
      return {
        orgCounts: Object.fromEntries(orgRows.map((r) => [r.type, Number(r.n)])),
        memberCounts: { total: full + probationary, full, probationary },
        alertCounts: counts,
        alertsByRule: byRule,
        termsEndingSoon: byRule
          .filter((r) => r.ruleId === 'term.ending_soon' || r.ruleId === 'term.election_request_missing')
          .reduce((n, r) => n + r.count, 0),
        complianceRates: rates?.items ?? [],
        remindersCount: reminders ? reminders.deadlines.length + reminders.planned.length : 0,
        recruitmentDue: recruitment.filter((r) => r.reminding).length,
        today,
      };
    },
  });
}
