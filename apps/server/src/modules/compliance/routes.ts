import {
  complianceMatrixResponse,
  complianceQuery,
  complianceRatesQuery,
  complianceRatesResponse,
  complianceRemindersResponse,
} from '@dangjian/core';
import { sendCachedJson } from '../../http/response-cache.ts';
import type { App, Deps } from '../../http/routing.ts';
import * as svc from './service.ts';

const tags = ['组织生活合规'];

/** The compliance matrix (党组织 × 月/季度), rates per 总支, and the reminders of the next 14 days. */
export function complianceRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/compliance', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '组织生活合规矩阵：当前范围内各党支部、党小组按月或季度的开展与缺项情况',
      querystring: complianceQuery,
      response: { 200: complianceMatrixResponse },
    },
    // The 组织部's matrix of the whole college is the largest answer of the platform: kept serialised while
    // its records are unchanged.
    handler: (req, reply) => {
      const today = clock.today();
      return sendCachedJson(
        db,
        req,
        reply,
        {
          key: `compliance:${today}:${JSON.stringify(req.query)}`,
          deps: svc.matrixSources,
          schema: complianceMatrixResponse,
        },
        () => svc.getComplianceMatrix(db, req.actor!, req.query, today),
      );
    },
  });

  app.get('/api/compliance/rates', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '各党总支组织生活完成率（按年，截至今天）',
      querystring: complianceRatesQuery,
      response: { 200: complianceRatesResponse },
    },
    handler: (req) => {
      const today = clock.today();
      return svc.getComplianceRates(db, req.actor!, req.query.year ?? Number(today.slice(0, 4)), today);
    },
  });

  app.get('/api/compliance/reminders', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '未来14天到期的组织生活事项和已计划的活动',
      response: { 200: complianceRemindersResponse },
    },
    handler: (req) => svc.getReminders(db, req.actor!, clock.today()),
  });
}
