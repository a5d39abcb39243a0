import { overviewQuery, overviewResponse } from '@dangjian/core';
import type { App, Deps } from '../../http/routing.ts';
import { getOverview } from './service.ts';

/** 党建工作概览: the 校领导's and the 组织部's overview of the scope. */
export function overviewRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/overview', {
    config: { permission: 'dashboard:overview:view' },
    schema: {
      tags: ['首页'],
      summary:
        '党建工作概览：关键数据及去年同期（党员、党组织、发展党员、组织生活）、各党总支未解决的问题、组织生活完成率、发展党员各阶段人数；每个数字附带列出同样内容的列表及其筛选条件',
      querystring: overviewQuery,
      response: { 200: overviewResponse },
    },
    handler: (req) => getOverview(db, req.actor!, req.query, clock.today()),
  });
}
