/**
 * What 述职评议 leaves waiting (待办): for a secretary reviewed, the 述职报告 to write while the campaign asks for it,
 * due on the campaign's report deadline (overdue after it; gone once submitted);
 * for the organisers (the organising org's own people), the campaign's next step. Nothing is stored.
 */
import {
  dutyReviewStatusLabels,
  dutyReviewTransitionLabels,
  type InboxItem,
  isReportOpen,
  nextDutyReviewTransition,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { openReviewsFor } from './repo.ts';

const linkOf = (id: number) => `/duty-reviews/${id}`;

export const dutyReviewInboxProvider: InboxProvider = {
  id: 'duty_review',
  async items(db, actor, today, ownOrgs) {
    const writes = actor.permissions.has('assessment:duty:report') && actor.personId !== null;
    const manages = actor.permissions.has('assessment:duty:manage');
    if (!writes && !manages) return [];
    const rows = await openReviewsFor(db, manages ? ownOrgs : [], writes ? actor.personId : null);
    const out: InboxItem[] = [];
    const organised = new Set<number>();
    for (const r of rows) {
      if (
        writes &&
        r.person_id === actor.personId &&
        isReportOpen(r.status) &&
        r.report_submitted_at === null
      )
        out.push({
          kind: 'duty_review.report',
          title: `撰写述职报告：${r.title}`,
          detail: `${r.org_name}组织的述职评议，请于 ${r.report_due_on} 前撰写并提交本人的抓党建述职报告（含党员教育管理工作）。`,
          orgName: r.org_name,
          link: linkOf(r.id),
          dueDate: r.report_due_on,
          overdue: r.report_due_on < today,
        });
      if (manages && ownOrgs.includes(r.org_id) && !organised.has(r.id)) {
        organised.add(r.id);
        const next = nextDutyReviewTransition(r.status);
        if (!next) continue;
        out.push({
          kind: 'duty_review.organise',
          title: `述职评议${dutyReviewStatusLabels[r.status]}：${r.title}`,
          detail: `下一步：${dutyReviewTransitionLabels[next]}。`,
          orgName: r.org_name,
          link: linkOf(r.id),
          dueDate: r.ends_on,
          overdue: r.ends_on < today,
        });
      }
    }
    return out;
  },
};
