/** 发展党员 steps of one's own branch that are due or overdue (the reminders that remind today). */
import { recruitmentStepInfo } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { recruitmentReminders } from './findings.ts';

export const recruitmentInboxProvider: InboxProvider = {
  id: 'recruitment',
  async items(db, actor, today, ownOrgs) {
    if (!actor.permissions.has('recruitment:dossier:edit')) return [];
    const own = new Set(ownOrgs);
    const reminders = await recruitmentReminders(db, actor, today);
    return reminders
      .filter((r) => r.reminding && own.has(r.orgId))
      .map((r) => ({
        kind: 'recruitment.step' as const,
        title: `${r.personName}：第${recruitmentStepInfo[r.step].no}步“${recruitmentStepInfo[r.step].label}”`,
        detail: r.message,
        orgName: r.orgName,
        dueDate: r.dueOn,
        overdue: r.overdue,
        link: `/recruitment/${r.recruitmentId}`,
      }));
  },
};
