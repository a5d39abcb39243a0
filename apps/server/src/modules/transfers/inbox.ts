/** Internal transfers the other branch asked for, waiting for this branch to confirm or return them. */
import { addDays, decidingSide, internalTransferPendingDays } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';

export const transferInboxProvider: InboxProvider = {
  id: 'transfers',
  async items(db, actor, today, ownOrgs) {
    if (!actor.permissions.has('member:transfer:manage')) return [];
    const own = new Set(ownOrgs);
    // The side that did not ask answers (core decidingSide), when it is one of the caller's own orgs.
    const rows = (await repo.pendingInternalTransfersOf(db, ownOrgs)).filter((t) => {
      if (t.requested_side === null) return false;
      const answering = decidingSide(t.requested_side) === 'from' ? t.from_org_id : t.to_org_id;
      return answering !== null && own.has(answering);
    });
    return rows.map((t) => {
      const due = addDays(t.requested_on, internalTransferPendingDays);
      return {
        kind: 'transfer.confirm' as const,
        title: `确认${t.person_name}的组织关系转接`,
        detail: `由${t.from_name ?? '原党组织'}转至${t.to_name ?? '新党组织'}，${t.requested_on} 提出`,
        orgName: t.requested_side === 'from' ? t.to_name : t.from_name,
        dueDate: due,
        overdue: due < today,
        link: '/transfers',
      };
    });
  },
};
