/**
 * What supervised tasks leave waiting (待办): for the lead unit's secretaries, a task to accept (签收), a deadline
 * within 7 days or passed (逾期), and a progress report due and not made; for the assigner (the issuing org's own
 * people: the 组织部 for the 党委), a task reported done to confirm and an extension to decide. Sides as the
 * task's buttons (service `sidesOf`); nothing is stored.
 */
import {
  addDays,
  type InboxItem,
  isTaskOverdue,
  progressReportDue,
  supervisedTaskReminderDays,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { stateOf } from './presenter.ts';
import * as repo from './repo.ts';
import { sidesOf } from './service.ts';

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
const linkOf = (id: number) => `/supervised-tasks/${id}`;

export const supervisionInboxProvider: InboxProvider = {
  id: 'supervision',
  async items(db, actor, today, ownOrgs) {
    if (
      !actor.permissions.has('supervision:task:handle') &&
      !actor.permissions.has('supervision:task:assign')
    )
      return [];
    const own = new Set(ownOrgs);
    const out: InboxItem[] = [];
    for (const r of await repo.openTasksForInbox(db, ownOrgs)) {
      const sides = sidesOf(actor, r);
      const state = stateOf(r);
      const overdue = isTaskOverdue(state, today);
      const common = { orgName: r.lead_name, link: linkOf(r.id) };
      if (sides.lead && own.has(r.org_id)) {
        if (r.status === 'awaiting_acceptance')
          out.push({
            ...common,
            kind: overdue ? 'supervised_task.due' : 'supervised_task.accept',
            title: `${overdue ? '督办事项已逾期' : '签收督办事项'}：${short(r.title)}`,
            detail: `${r.issuer_name}交办，办结期限 ${r.deadline}${overdue ? '，已逾期，请尽快签收办理' : ''}。`,
            dueDate: r.deadline,
            overdue,
          });
        else if (r.status === 'in_progress') {
          if (overdue || r.deadline <= addDays(today, supervisedTaskReminderDays))
            out.push({
              ...common,
              kind: 'supervised_task.due',
              title: `督办事项${overdue ? '已逾期' : '即将到期'}：${short(r.title)}`,
              detail: overdue
                ? `办结期限 ${r.deadline} 已过：请抓紧办理并报告办结，确有困难的申请延期。`
                : `办结期限 ${r.deadline}：请按期办结并报告办理结果。`,
              dueDate: r.deadline,
              overdue,
            });
          const reportDue = progressReportDue(
            { state, cadence: r.cadence, issuedOn: r.issued_on, lastReportOn: r.last_report_on },
            today,
          );
          if (reportDue !== null)
            out.push({
              ...common,
              kind: 'supervised_task.report',
              title: `报告督办进展：${short(r.title)}`,
              detail: `应于 ${reportDue} 报告办理进展${r.last_report_on ? `（上次报告 ${r.last_report_on}）` : ''}。`,
              dueDate: reportDue,
              overdue: reportDue < today,
            });
        }
      }
      if (sides.assigner && own.has(r.issuer_org_id)) {
        if (r.status === 'reported_done')
          out.push({
            ...common,
            kind: 'supervised_task.confirm',
            title: `确认督办办结：${r.lead_name} ${short(r.title)}`,
            detail: '牵头单位已报告办结，请审核办理结果：确认办结或退回继续办理。',
            dueDate: null,
            overdue: false,
          });
        else if (r.extension_until !== null)
          out.push({
            ...common,
            kind: 'supervised_task.extension',
            title: `审批督办延期：${r.lead_name} ${short(r.title)}`,
            detail: `申请延期至 ${r.extension_until}（现期限 ${r.deadline}）：${r.extension_reason ?? ''}`,
            dueDate: r.deadline,
            overdue,
          });
      }
    }
    return out;
  },
};
