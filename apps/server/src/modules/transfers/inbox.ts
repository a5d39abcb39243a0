/** Internal transfers the other branch asked for, waiting for this branch to confirm or return them. */
import { addDays, internalTransferPendingDays } from '@dangjian/core';
import { type InboxProvider, ownOrgIds } from '../../http/inbox.ts';
import * as repo from './repo.ts';

export const transferInboxProvider: InboxProvider = {
  id: 'transfers',
  async items(db, actor, today) {
    if (!actor.permissions.has('member:transfer:manage')) return [];
    const rows = await repo.transfersAwaitingAnswerFrom(db, await ownOrgIds(db, actor));
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
