/** What organisational life leaves waiting for a secretary: leave to decide, comments to answer, records to close. */
import { activityKindLabels, activityStatusLabels, addDays, reviewRatingLabels } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';

export const activityInboxProvider: InboxProvider = {
  id: 'activities',
  async items(db, actor, today, orgIds) {
    if (!actor.permissions.has('life:activity:edit')) return [];
    const [leave, reviews, stale] = await Promise.all([
      repo.pendingLeaveRequests(db, orgIds),
      repo.unansweredReviews(db, orgIds, actor.userId),
      repo.recordsPastTheirDay(db, orgIds, today),
    ]);
    return [
      ...leave.map((l) => ({
        kind: 'leave.decide' as const,
        title: `${l.person_name}申请请假：${l.title}`,
        detail: l.leave_reason ?? '',
        orgName: l.org_name,
        dueDate: l.on_date,
        overdue: l.on_date < today,
        link: `/activities/${l.id}?tab=attendance`,
      })),
      ...reviews.map((r) => {
        const due = addDays(new Date(r.reviewed_at).toISOString().slice(0, 10), 14);
        return {
          kind: 'review.respond' as const,
          title: `回复督促检查：${r.title}`,
          detail: `${r.reviewer_name}评为“${reviewRatingLabels[r.rating]}”`,
          orgName: r.org_name,
          dueDate: due,
          overdue: due < today,
          link: `/activities/${r.id}?tab=reviews`,
        };
      }),
      ...stale.map((a) => ({
        kind: 'activity.close' as const,
        title: `${activityKindLabels[a.kind]}“${a.title}”待归档`,
        detail: `活动日期 ${a.on_date} 已过，状态仍为“${activityStatusLabels[a.status]}”：开始、登记出席和记录后归档，未召开的请取消并说明原因。`,
        orgName: a.org_name,
        dueDate: addDays(a.on_date, 7),
        overdue: addDays(a.on_date, 7) < today,
        link: `/activities/${a.id}`,
      })),
    ];
  },
};
