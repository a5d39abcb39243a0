/**
 * What rectification items leave waiting (待办): for the org that rectifies (its secretaries), items due within 7
 * days or overdue, and items returned until they are submitted again; for the level that verifies, items submitted
 * for 销号 and extensions asked for. Which side a caller is on is core `rectificationSides`, as for the item's
 * buttons; only the caller's own orgs count (`ownOrgIds`: a 总支 secretary verifies the branches' items, not their
 * 党小组's). Nothing is stored: an item goes when the step that settles it is recorded.
 */
import {
  addDays,
  type InboxItem,
  isRectificationOverdue,
  rectificationNextDue,
  rectificationReminderDays,
  rectificationSides,
  rectificationVerificationDays,
  rectificationVerifierLevel,
  toLocalDate,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { isPathInScope } from '../../http/scope.ts';
import { stateOf } from './presenter.ts';
import * as repo from './repo.ts';

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
const linkOf = (id: number) => `/rectifications/${id}`;

export const rectificationInboxProvider: InboxProvider = {
  id: 'rectification',
  async items(db, actor, today, ownOrgs) {
    const mayEdit = actor.permissions.has('rectification:item:edit');
    const mayVerify = actor.permissions.has('rectification:item:verify');
    if (!mayEdit && !mayVerify) return [];
    const rows = await repo.openItemsForInbox(db, ownOrgs);
    const milestones = await repo.milestonesOf(
      db,
      rows.map((r) => r.id),
    );
    const own = new Set(ownOrgs);
    const out: InboxItem[] = [];
    for (const r of rows) {
      const level = rectificationVerifierLevel(r.org_type, r.parent_type);
      const verifierOrgId = level === 'parent' && r.parent_id !== null ? r.parent_id : r.root_id;
      const sides = rectificationSides(
        {
          mayEdit,
          mayVerify,
          coversOrg: isPathInScope(actor.scope, r.org_path),
          coversParent: r.parent_path !== null && isPathInScope(actor.scope, r.parent_path),
          coversCollege: actor.scope.kind === 'all',
        },
        level,
      );
      const state = stateOf(r, milestones.get(r.id) ?? []);
      const nextDue = rectificationNextDue(state);
      const overdue = isRectificationOverdue(state, today);
      if (sides.responsible && own.has(r.org_id)) {
        const being = r.status === 'pending' || r.status === 'in_progress';
        if (being && r.last_step === 'return')
          out.push({
            kind: 'rectification.returned',
            title: `整改被退回：${short(r.problem)}`,
            detail: `退回理由：${r.last_step_note ?? ''}。请继续整改后重新提交销号。`,
            orgName: r.org_name,
            dueDate: nextDue,
            overdue,
            link: linkOf(r.id),
          });
        else if (being && nextDue <= addDays(today, rectificationReminderDays))
          out.push({
            kind: 'rectification.due',
            title: `整改事项${overdue ? '已逾期' : '即将到期'}：${short(r.problem)}`,
            detail: overdue
              ? `期限 ${nextDue} 已过：请抓紧整改并提交销号，确有困难的申请延期。`
              : `期限 ${nextDue}：请按期完成整改，登记佐证后提交销号。`,
            orgName: r.org_name,
            dueDate: nextDue,
            overdue,
            link: linkOf(r.id),
          });
      }
      if (sides.verifier && own.has(verifierOrgId)) {
        if (r.status === 'submitted') {
          const submittedOn = r.submitted_at ? toLocalDate(new Date(r.submitted_at)) : today;
          const due = addDays(submittedOn, rectificationVerificationDays);
          out.push({
            kind: 'rectification.verify',
            title: `审核整改销号：${r.org_name} ${short(r.problem)}`,
            detail: `${submittedOn} 提交${r.result ? `：${short(r.result)}` : ''}`,
            orgName: r.org_name,
            dueDate: due,
            overdue: due < today,
            link: linkOf(r.id),
          });
        } else if (r.extension_until !== null)
          out.push({
            kind: 'rectification.extension',
            title: `审批延期申请：${r.org_name} ${short(r.problem)}`,
            detail: `申请延期至 ${r.extension_until}（现期限 ${r.deadline}）：${r.extension_reason ?? ''}`,
            orgName: r.org_name,
            dueDate: r.deadline,
            overdue: r.deadline < today,
            link: linkOf(r.id),
          });
      }
    }
    return out;
  },
};
