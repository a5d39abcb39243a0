/**
 * What 选拔任用 leaves waiting (待办) for the 组织部 (cadre:file:manage, on the 党委 it covers): 任职 after a 公示 that is
 * over, 转正 or 免去试任职务 from 30 days before the 试用期 ends, and training owed after 提任 from 3 months before its
 * year ends. Nothing is stored; the same core functions as the alerts decide.
 */
import { appointmentDue, type InboxItem, isTrainingOwedOverdue } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { appointmentFacts, trainingOwedReminderFrom } from './findings.ts';
import { appointmentLink } from './service.ts';

export const cadreAppointmentInboxProvider: InboxProvider = {
  id: 'cadre_appointment',
  async items(db, actor, today, ownOrgs) {
    if (!actor.permissions.has('cadre:file:manage') || ownOrgs.length === 0) return [];
    const own = new Set(ownOrgs);
    const out: InboxItem[] = [];
    for (const a of await appointmentFacts(db, today)) {
      if (!own.has(a.org.id)) continue;
      const common = { orgName: a.unitName, link: appointmentLink(a.id) };
      const who = `${a.name}（${a.unitName}${a.postTitle}）`;
      const due = appointmentDue(a.state, today);
      if (due?.kind === 'appoint')
        out.push({
          ...common,
          kind: 'cadre_appointment.appoint',
          title: `公示期满办理任职：${who}`,
          detail: `任前公示已于 ${a.state.noticeEndOn} 期满：公示结果不影响任职的，办理任职（任职文号）。`,
          dueDate: due.dueOn,
          overdue: due.overdue,
        });
      else if (due)
        out.push({
          ...common,
          kind: 'cadre_appointment.probation',
          title: `${due.kind === 'confirm' ? '试用期已满，办理转正' : '试用期即将期满'}：${who}`,
          detail:
            due.kind === 'confirm'
              ? `试用期已于 ${due.dueOn} 期满：经考核胜任的转正，不胜任的免去试任职务（条例第四十二条）。`
              : `试用期至 ${due.dueOn}：请组织试用期考核，期满后办理转正或免去试任职务。`,
          dueDate: due.dueOn,
          overdue: due.overdue,
        });
      if (
        a.trainingDueOn !== null &&
        a.trainingHoursSince < a.trainingHoursRequired &&
        (a.state.status === 'probation' || a.state.status === 'confirmed') &&
        today >= trainingOwedReminderFrom(a.trainingDueOn)
      )
        out.push({
          ...common,
          kind: 'cadre_appointment.training',
          title: `提任后培训：${who}`,
          detail: `提任前未达培训要求，应在 ${a.trainingDueOn} 前完成（现${a.trainingHoursSince}学时，应达${a.trainingHoursRequired}学时，条例第八条）。`,
          dueDate: a.trainingDueOn,
          overdue: isTrainingOwedOverdue(a, today),
        });
    }
    return out;
  },
};
