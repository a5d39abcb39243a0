/**
 * What rectification campaigns leave waiting (待办) for a participating org's secretaries: its problem list from
 * the day the campaign is issued until it is submitted (“提交问题清单（截止 4月15日）”), and once the list is in, its
 * summary report from 30 days before it is due until it is submitted. Only the caller's own orgs (`ownOrgIds`) and
 * only the side that submits (service `sidesOf`: a 总支 secretary reviews its branches, it does not submit for
 * them). Nothing is stored: an item goes when the submission is recorded, and comes back if it is returned.
 */
import { addDays, campaignSummaryInboxDays, type InboxItem, monthDayLabel } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';
import { sidesOf } from './service.ts';

const linkOf = (id: number) => `/rectification-campaigns/${id}`;

export const campaignInboxProvider: InboxProvider = {
  id: 'rectification_campaign',
  async items(db, actor, today, ownOrgs) {
    if (!actor.permissions.has('rectification:item:edit')) return [];
    const out: InboxItem[] = [];
    for (const r of await repo.openRowsOf(db, ownOrgs)) {
      if (!sidesOf(actor, r).org) continue;
      const common = { orgName: r.org_name, link: linkOf(r.campaign_id) };
      if (r.list_submitted_at === null) {
        const overdue = r.list_due_on < today;
        out.push({
          ...common,
          kind: 'rectification_campaign.list',
          title: `提交问题清单（截止 ${monthDayLabel(r.list_due_on)}）：${r.campaign_name}`,
          detail: r.list_return_reason
            ? `问题清单被退回：${r.list_return_reason}。请修改后重新提交。`
            : overdue
              ? `已逾期：请登记查摆出的问题后尽快提交；确无问题的，确认“经自查未发现问题”后提交。`
              : '查摆问题，逐项登记整改事项（责任人、措施、期限）后提交问题清单。',
          dueDate: r.list_due_on,
          overdue,
        });
      } else if (r.summary_due_on <= addDays(today, campaignSummaryInboxDays)) {
        const overdue = r.summary_due_on < today;
        out.push({
          ...common,
          kind: 'rectification_campaign.summary',
          title: `提交整改总结（截止 ${monthDayLabel(r.summary_due_on)}）：${r.campaign_name}`,
          detail: r.summary_return_reason
            ? `整改总结被退回：${r.summary_return_reason}。请修改后重新提交。`
            : '对照问题清单总结整改情况；问题数、已销号、整改中和逾期数由平台按整改事项统计。',
          dueDate: r.summary_due_on,
          overdue,
        });
      }
    }
    return out;
  },
};
