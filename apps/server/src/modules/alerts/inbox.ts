/** Findings assigned to the caller, until the record that fixes them resolves them. */
import { ruleCatalogue } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';

export const alertInboxProvider: InboxProvider = {
  id: 'alerts',
  async items(db, actor, today) {
    if (actor.personId === null) return [];
    const rows = await repo.openFindingsAssignedTo(db, actor.personId);
    return rows.map((f) => ({
      kind: 'finding.assigned' as const,
      title: ruleCatalogue[f.rule_id].title,
      detail: f.message,
      orgName: f.org_name,
      dueDate: f.due_date,
      overdue: f.severity === 'error' || (f.due_date !== null && f.due_date < today),
      link: `/alerts/${f.key}`,
    }));
  },
};
