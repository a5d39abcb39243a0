import { searchQuery, searchResponse } from '@dangjian/core';
import type { App, Deps } from '../../http/routing.ts';
import { search } from './service.ts';

const tags = ['搜索'];

/** The header's global search. */
export function searchRoutes(app: App, { db }: Deps): void {
  app.get('/api/search', {
    // Any signed-in user; each kind needs its own view permission (checked in the service).
    config: { authenticated: true },
    schema: {
      tags,
      summary: '全局搜索：党员、党组织、组织生活、发展党员档案（按各自的查看权限和数据范围）',
      querystring: searchQuery,
      response: { 200: searchResponse },
    },
    handler: (req) => search(db, req.actor!, req.query),
  });
}
