/**
 * Supervised tasks (督办事项) around core's state machine (supervised-task.ts): which meeting records may issue
 * them, what a task's timeline records, and the alerts of the weekly loop — a deadline within 7 days (the
 * notifications module reminds 3 days before it, once), a deadline passed (逾期: the lead unit's secretary is
 * told once, the escalation) and a progress report due and missing. Pure: facts in, findings out.
 */
import type { ActivityKind } from '../activities/dictionaries.ts';
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { OrgType } from '../dictionaries.ts';
import type { SupervisionRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import {
  type ProgressReportCadence,
  progressReportCadenceLabels,
  supervisedTaskTransitionLabels,
  supervisedTaskTransitions,
} from './dictionaries.ts';
import { isTaskOverdue, nextProgressReportDue, type SupervisedTaskState } from './supervised-task.ts';

/** How many days before its deadline an open task starts to show as due (待办, 监测预警). */
export const supervisedTaskReminderDays = 7;

/**
 * The meeting records whose decisions become supervised tasks: the 党委会 (a 委员会会议 of the 党委), the
 * 党务工作例会 of the 党委 or of a 党总支, and the 党政联席会 of a 党总支 (its 学院's joint meeting; the 总支 gives the
 * decision to a branch below it).
 */
export function supervisionSourceLabel(kind: ActivityKind, orgType: OrgType): string | null {
  if (kind === 'committee_meeting' && orgType === 'committee') return '党委会';
  if (kind === 'work_meeting' && (orgType === 'committee' || orgType === 'general_branch'))
    return '党务工作例会';
  if (kind === 'joint_meeting' && orgType === 'general_branch') return '党政联席会';
  return null;
}

/** What a task's timeline records: its issue, edits, progress reports and every transition. */
export const supervisedTaskEventKinds = [
  'created',
  'edited',
  'progress',
  ...supervisedTaskTransitions,
] as const;
export type SupervisedTaskEventKind = (typeof supervisedTaskEventKinds)[number];

export const supervisedTaskEventLabels = {
  created: '交办督办事项',
  edited: '修改',
  progress: '报告办理进展',
  ...supervisedTaskTransitionLabels,
} as const satisfies Record<SupervisedTaskEventKind, string>;

/** What the rules read of one task not yet done. */
export interface SupervisedTaskAlertFacts {
  id: number;
  title: string;
  leadOrg: { id: number; name: string };
  state: SupervisedTaskState;
  cadence: ProgressReportCadence;
  issuedOn: IsoDate;
  lastReportOn: IsoDate | null;
}

const quote = (title: string) => `“${title.length > 24 ? `${title.slice(0, 24)}…` : title}”`;

/**
 * The findings of the open tasks on `today`, each on the lead unit and keyed by its task (`subject`
 * supervised-task-<id>): the deadline within 7 days or passed, and a progress report due and not made.
 */
export function evaluateSupervisedTaskRules(
  tasks: readonly SupervisedTaskAlertFacts[],
  today: IsoDate,
): Finding<SupervisionRuleId>[] {
  const out: Finding<SupervisionRuleId>[] = [];
  for (const t of tasks) {
    const { state } = t;
    if (state.status !== 'awaiting_acceptance' && state.status !== 'in_progress') continue;
    const subject = `supervised-task-${t.id}`;
    const named = `督办事项${quote(t.title)}`;
    if (isTaskOverdue(state, today))
      out.push(
        finding(
          'supervision.overdue',
          t.leadOrg,
          `${named}已逾期${daysBetween(state.deadline, today)}天（办结期限 ${state.deadline}）。`,
          '请抓紧办理并报告办结；确有困难的，说明理由后申请延期，由交办单位审核。',
          { dueDate: state.deadline, subject },
        ),
      );
    else if (state.deadline <= addDays(today, supervisedTaskReminderDays)) {
      const left = daysBetween(today, state.deadline);
      out.push(
        finding(
          'supervision.due_soon',
          t.leadOrg,
          `${named}将于 ${state.deadline} 到期（${left === 0 ? '今天到期' : `还有${left}天`}）。`,
          '请按期办结并报告办理结果；确有困难的，在到期前申请延期。',
          { dueDate: state.deadline, subject },
        ),
      );
    }
    const reportDue = progressReportDue(t, today);
    if (reportDue !== null)
      out.push(
        finding(
          'supervision.report_missing',
          t.leadOrg,
          `${named}应于 ${reportDue} 报告办理进展（${progressReportCadenceLabels[t.cadence]}），尚未报告。`,
          '请在督办事项中报告办理进展。',
          { dueDate: reportDue, subject },
        ),
      );
  }
  return out;
}

/** The day a progress report fell due and was not made (on or before `today`), else null. */
export function progressReportDue(
  t: Pick<SupervisedTaskAlertFacts, 'state' | 'cadence' | 'issuedOn' | 'lastReportOn'>,
  today: IsoDate,
): IsoDate | null {
  if (t.state.status !== 'in_progress') return null;
  const due = nextProgressReportDue(t.state.status, t.cadence, t.issuedOn, t.lastReportOn, t.state.deadline);
  return due !== null && due <= today ? due : null;
}
