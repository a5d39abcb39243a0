import { inboxResponse } from '@dangjian/core';
import { inboxOf } from '../../http/inbox.ts';
import type { App, Deps } from '../../http/routing.ts';

/** 待办: what waits for the caller, from every module that registered an inbox provider. */
export function inboxRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/inbox', {
    config: { authenticated: true },
    schema: {
      tags: ['待办'],
      summary:
        '本人的待办：审批请假、审核更正、确认转接、发展党员到期事项、回复督促检查、指派给本人的预警、待归档的活动',
      response: { 200: inboxResponse },
    },
    handler: (req) => inboxOf(db, req.actor!, clock.today()),
  });
}
