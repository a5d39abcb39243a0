/**
 * 选拔任用 as alerts: pure facts in, findings out, all on the 党委 (the org whose 组织部 runs the procedure):
 * - 任前公示 over and 任职 not made (条例第四十一条), due the day after the notice;
 * - 试用期 ending within 30 days (a reminder) and over without 转正 or 免去试任职务 (第四十二条);
 * - training owed after 提任 and not completed within the year (第八条): from the day after the year, while the
 *   hours counted since the decision stay under the cadre requirement.
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { CadreAppointmentRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import { type AppointmentState, isProbationDue } from './appointment.ts';

/** Days before the 试用期's last day from which it is reminded. */
export const probationReminderDays = 30;

/** One appointment as its alerts read it. */
export interface AppointmentAlertFacts {
  id: number;
  name: string;
  postTitle: string;
  unitName: string;
  /** The 党委 that decides (its findings are filed on it). */
  org: { id: number; name: string };
  state: AppointmentState;
  /** The last day to complete the training owed (null when the requirement was met before 提任). */
  trainingDueOn: IsoDate | null;
  /** Training hours counted from the decision to the due day (or today). */
  trainingHoursSince: number;
  /** The hours the training owed must reach. */
  trainingHoursRequired: number;
}

/** What is due on an appointment on `today`, if anything (the 待办 and the alerts read the same). */
export type AppointmentDue =
  | { kind: 'appoint'; dueOn: IsoDate; overdue: boolean }
  | { kind: 'probation_ending'; dueOn: IsoDate; overdue: false }
  | { kind: 'confirm'; dueOn: IsoDate; overdue: true };

/** The next thing due on the procedure itself: 任职 after the notice, or the 试用期's end (30 days before, and after). */
export function appointmentDue(state: AppointmentState, today: IsoDate): AppointmentDue | null {
  if (state.status === 'notice' && state.noticeEndOn && today > state.noticeEndOn) {
    const dueOn = addDays(state.noticeEndOn, 1);
    return { kind: 'appoint', dueOn, overdue: today > dueOn };
  }
  if (state.status === 'probation' && state.probationEndOn) {
    if (isProbationDue(state, today)) return { kind: 'confirm', dueOn: state.probationEndOn, overdue: true };
    if (today >= addDays(state.probationEndOn, -probationReminderDays))
      return { kind: 'probation_ending', dueOn: state.probationEndOn, overdue: false };
  }
  return null;
}

/** True when the training owed after 提任 is past its year and still short. */
export function isTrainingOwedOverdue(
  f: Pick<AppointmentAlertFacts, 'state' | 'trainingDueOn' | 'trainingHoursSince' | 'trainingHoursRequired'>,
  today: IsoDate,
): boolean {
  if (f.trainingDueOn === null || today <= f.trainingDueOn) return false;
  if (f.state.status !== 'probation' && f.state.status !== 'confirmed') return false;
  return f.trainingHoursSince < f.trainingHoursRequired;
}

/** The findings of the appointments on `today`, keyed by appointment (`subject` cadre-appointment-<id>). */
export function evaluateAppointmentRules(
  list: readonly AppointmentAlertFacts[],
  today: IsoDate,
): Finding<CadreAppointmentRuleId>[] {
  const out: Finding<CadreAppointmentRuleId>[] = [];
  for (const a of list) {
    const subject = `cadre-appointment-${a.id}`;
    const named = `${a.name}（拟任${a.unitName}${a.postTitle}）`;
    const due = appointmentDue(a.state, today);
    if (due?.kind === 'appoint')
      out.push(
        finding(
          'cadre_appointment.appoint_due',
          a.org,
          `${named}任前公示已于 ${a.state.noticeEndOn} 期满，尚未办理任职。`,
          '公示结果不影响任职的，办理任职手续（任职文号、任职日期）；影响任职的，终止该选拔任用。',
          { dueDate: due.dueOn, subject },
        ),
      );
    else if (due?.kind === 'probation_ending') {
      const left = daysBetween(today, due.dueOn);
      out.push(
        finding(
          'cadre_appointment.probation_ending',
          a.org,
          `${a.name}（${a.unitName}${a.postTitle}）试用期将于 ${due.dueOn} 期满（${left === 0 ? '今天期满' : `还有${left}天`}）。`,
          '请在期满前组织试用期考核，期满后办理转正或免去试任职务。',
          { dueDate: due.dueOn, subject },
        ),
      );
    } else if (due?.kind === 'confirm')
      out.push(
        finding(
          'cadre_appointment.probation_due',
          a.org,
          `${a.name}（${a.unitName}${a.postTitle}）试用期已于 ${due.dueOn} 期满（已过${daysBetween(due.dueOn, today)}天），尚未转正或免去试任职务。`,
          '根据试用期考核结果办理转正（正式任职）或免去试任职务。',
          { dueDate: addDays(due.dueOn, 1), subject },
        ),
      );
    if (isTrainingOwedOverdue(a, today))
      out.push(
        finding(
          'cadre_appointment.training_owed',
          a.org,
          `${a.name}（${a.unitName}${a.postTitle}）提任前未达到培训要求，应在 ${a.trainingDueOn} 前完成，至今计${a.trainingHoursSince}学时（应达${a.trainingHoursRequired}学时）。`,
          '安排参加党校、干部学院或组织部认可的培训机构的培训，并登记学时。',
          { dueDate: addDays(a.trainingDueOn!, 1), subject: `${subject}-training` },
        ),
      );
  }
  return out;
}
