/**
 * What 巡察 leaves waiting (待办): for the secretaries of an inspected unit, its 整改报告 while it is rectifying
 * ("提交巡察整改报告（截止 …）", from the feedback on, and again after a return); for the 巡察办 (the 组织部), a
 * unit's feedback once the round's on-site work is over, and a 回头看 from 7 days before it is due. Sides as the
 * round's buttons (service `sidesOf`); nothing is stored.
 */
import {
  addDays,
  type InboxItem,
  inspectionLookbackDue,
  inspectionReminderDays,
  inspectionReportDue,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';
import { inspectionLink, sidesOf } from './service.ts';

export const inspectionInboxProvider: InboxProvider = {
  id: 'inspection',
  async items(db, actor, today, ownOrgs) {
    const out: InboxItem[] = [];
    for (const r of await repo.reportingUnits(db, ownOrgs)) {
      if (!sidesOf(actor, r).unit) continue;
      const due = inspectionReportDue(r.feedback_on!, r.report_months);
      out.push({
        kind: 'inspection.report',
        title: `提交巡察整改报告（截止 ${due}）`,
        detail: r.returned_reason
          ? `${r.round_name}：整改报告被退回——${r.returned_reason}。请修改后重新提交。`
          : `${r.round_name}于 ${r.feedback_on} 反馈：整改报告由书记撰写，整改数据由平台按整改台账统计。`,
        orgName: r.org_name,
        dueDate: due,
        overdue: due < today,
        link: inspectionLink(r.inspection_id, r.org_id),
      });
    }
    if (!actor.permissions.has('inspection:round:manage') || actor.scope.kind !== 'all') return out;
    for (const r of await repo.unitsForOffice(db, today)) {
      if (!sidesOf(actor, r).office) continue;
      if (r.status === 'awaiting_feedback')
        out.push({
          kind: 'inspection.feedback',
          title: `录入巡察反馈：${r.org_name}`,
          detail: `${r.round_name}已于 ${r.ends_on} 结束，尚未录入对${r.org_name}的反馈意见和问题清单。`,
          orgName: r.org_name,
          dueDate: null,
          overdue: false,
          link: inspectionLink(r.inspection_id, r.org_id),
        });
      else {
        const due = inspectionLookbackDue(r.feedback_on!, r.lookback_months);
        if (due > addDays(today, inspectionReminderDays)) continue;
        out.push({
          kind: 'inspection.lookback',
          title: `巡察整改回头看：${r.org_name}（${due}）`,
          detail: `${r.round_name}反馈后${r.lookback_months}个月：检查整改台账，逐项核实已销号问题是否反弹。`,
          orgName: r.org_name,
          dueDate: due,
          overdue: due < today,
          link: inspectionLink(r.inspection_id, r.org_id),
        });
      }
    }
    return out;
  },
};
