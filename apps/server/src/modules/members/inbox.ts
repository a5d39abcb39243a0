/** Correction requests of the members of one's own branch, waiting for the secretary's decision. */
import { addDays } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';

/** A request is answered within a week (the school's practice, like the 7-day transfer confirmation). */
const answerWithinDays = 7;

export const memberInboxProvider: InboxProvider = {
  id: 'members',
  async items(db, actor, today, own) {
    if (!actor.permissions.has('member:correction:review')) return [];
    const rows = await repo.pendingCorrectionsIn(db, own);
    return rows.map((c) => {
      const due = addDays(new Date(c.requested_at).toISOString().slice(0, 10), answerWithinDays);
      return {
        kind: 'correction.review' as const,
        title: `${c.person_name}申请更正党员信息`,
        detail: c.reason,
        orgName: c.org_name,
        dueDate: due,
        overdue: due < today,
        link: '/members/corrections',
      };
    });
  },
};
