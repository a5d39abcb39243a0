import {
  alertFilterQuery,
  alertList,
  alertQuery,
  dashboardSchema,
  ruleCatalogue,
  ruleCatalogueResponse,
  ruleIds,
} from '@dangjian/core';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import { computeFindings, filterFindings, summarise } from '../../http/findings.ts';
import type { App, Deps } from '../../http/routing.ts';
import { pathInScope } from '../../http/scope.ts';
import { getComplianceRates, getReminders } from '../compliance/service.ts';
import { recruitmentReminders } from '../recruitment/service.ts';
import { buildAlertsXlsx } from './export.ts';
import { selectAlerts } from './service.ts';

const tags = ['监测预警'];

/** Alerts (rule findings) within scope, the rule catalogue and the home dashboard. */
export function alertRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/alerts', {
    config: { permission: 'alert:alert:view' },
    schema: {
      tags,
      summary:
        '监测预警：当前范围内的规则发现（分页），可按组织子树、规则、级别、类别、期间、关键词筛选；各级别、各规则的条数不计该项本身的筛选',
      querystring: alertQuery,
      response: { 200: alertList },
    },
    handler: async (req) => {
      const today = clock.today();
      const { page, pageSize, ...filter } = req.query;
      const { matching, counts } = await selectAlerts(db, req.actor!, filter, today);
      const items = matching.slice((page - 1) * pageSize, page * pageSize);
      return { items, total: matching.length, page, pageSize, counts, today };
    },
  });

  app.get('/api/alerts/export.xlsx', {
    config: { permission: 'alert:alert:view' },
    schema: { tags, summary: '导出监测预警（Excel，按当前筛选条件，不分页）', querystring: alertFilterQuery },
    handler: async (req, reply) => {
      const today = clock.today();
      const { matching, orgName } = await selectAlerts(db, req.actor!, req.query, today);
      const name = orgName ?? '全部';
      const buffer = await buildAlertsXlsx(`监测预警 — ${name}`, today, matching);
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
      const [orgRows, memberRows, all] = await Promise.all([
        db
          .selectFrom('org as o')
          .select(['o.type'])
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('o.archived_at', 'is', null)
          .where(pathInScope(actor.scope, 'o.path'))
          .groupBy('o.type')
          .execute(),
        db
          .selectFrom('person as p')
          .innerJoin('org as o', 'o.id', 'p.org_id')
          .select(['p.party_status'])
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('p.status', '=', 'active')
          .where(pathInScope(actor.scope, 'o.path'))
          .groupBy('p.party_status')
          .execute(),
        computeFindings(db, today),
      ]);
      const findings = actor.permissions.has('alert:alert:view') ? filterFindings(all, actor.scope, {}) : [];
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
      const { counts, byRule } = summarise(findings);
      const full = Number(memberRows.find((r) => r.party_status === 'full')?.n ?? 0);
      const probationary = Number(memberRows.find((r) => r.party_status === 'probationary')?.n ?? 0);
      return {
        orgCounts: Object.fromEntries(orgRows.map((r) => [r.type, Number(r.n)])),
        memberCounts: { total: full + probationary, full, probationary },
        alertCounts: counts,
        alertsByRule: byRule,
        termsEndingSoon: findings.filter(
          (f) => f.ruleId === 'term.ending_soon' || f.ruleId === 'term.election_request_missing',
        ).length,
        complianceRates: rates?.items ?? [],
        remindersCount: reminders ? reminders.deadlines.length + reminders.planned.length : 0,
        recruitmentDue: recruitment.filter((r) => r.reminding).length,
        today,
      };
    },
  });
}
