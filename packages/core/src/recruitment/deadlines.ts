/**
 * What is due next in one applicant's 发展党员 procedure and by when, for reminders and alerts. Pure: the
 * caller passes `today`. The dates follow the decisions documented in procedure.ts.
 */
import { addDays, addMonths, type IsoDate } from '../dates.ts';
import type { RecruitmentRuleId } from '../rules/catalogue.ts';
import type { RecruitmentStep } from './dictionaries.ts';
import {
  approvalMonths,
  confirmationPromptMonths,
  missingActivistReviews,
  type RecruitmentFacts,
  type RecruitmentState,
  specialApprovalMonths,
} from './procedure.ts';

/** Kinds of deadline the procedure has. */
export const recruitmentDueKinds = [
  'talk',
  'activist_review',
  'admission_approval',
  'probation_end',
  'confirmation_meeting',
  'confirmation_approval',
] as const;
export type RecruitmentDueKind = (typeof recruitmentDueKinds)[number];
export const recruitmentDueKindLabels = {
  talk: '同入党申请人谈话',
  activist_review: '入党积极分子半年考察',
  admission_approval: '上级党委审批接收预备党员',
  probation_end: '预备期满',
  confirmation_meeting: '支部大会讨论转正',
  confirmation_approval: '上级党委审批转正',
} as const satisfies Record<RecruitmentDueKind, string>;

/** One thing due: what, by when, from when to remind, and the rule it serves. */
export interface RecruitmentDue {
  kind: RecruitmentDueKind;
  step: RecruitmentStep;
  /** The last day it may be done. */
  dueOn: IsoDate;
  /** The first day a reminder is shown. */
  remindFrom: IsoDate;
  ruleId: RecruitmentRuleId;
  /** Chinese, for the reminder. */
  message: string;
}

/**
 * Everything due in the procedure, earliest first (the first is "what is due next"):
 * - talk: within a month of the application;
 * - activist_review: the end of the first half year with no review (missingActivistReviews), or of the
 *   current half year;
 * - admission_approval: 3 months after the resolution (the 6-month limit for special cases is named in the
 *   message);
 * - probation_end: the day the 预备期 ends, reminded settings.probationReminderDays ahead, then
 *   confirmation_meeting within confirmationPromptMonths after it;
 * - confirmation_approval: 3 months after the confirmation meeting.
 * A closed procedure has nothing due.
 */
export function nextDue(state: RecruitmentState, facts: RecruitmentFacts, today: IsoDate): RecruitmentDue[] {
  if (state.outcome !== 'in_progress' || state.currentStep === null) return [];
  const out: RecruitmentDue[] = [];
  const step = state.currentStep;
  const { settings } = facts;
  if (step === 'application' && state.appliedOn) {
    const dueOn = addMonths(state.appliedOn, 1);
    out.push({
      kind: 'talk',
      step: 'application_talk',
      dueOn,
      remindFrom: state.appliedOn,
      ruleId: 'recruitment.talk_late',
      message: `应在 ${dueOn} 前派人同入党申请人谈话`,
    });
  }
  if ((step === 'mentor_assignment' || step === 'activist_review') && state.activistOn) {
    const activistOn = state.activistOn;
    const missing = missingActivistReviews(activistOn, state.activistReviewDates, today);
    let dueOn = missing[0]?.to;
    if (dueOn === undefined) {
      // The half year under way: the first k with addMonths(activistOn, 6k) after today.
      let k = 1;
      while (addMonths(activistOn, 6 * k) <= today) k++;
      dueOn = addMonths(activistOn, 6 * k);
    }
    out.push({
      kind: 'activist_review',
      step: 'activist_review',
      dueOn,
      remindFrom: addMonths(dueOn, -1),
      ruleId: 'recruitment.activist_reviews_missing',
      message: `应在 ${dueOn} 前完成本半年的入党积极分子考察`,
    });
  }
  if (
    (step === 'admission_meeting' || step === 'superior_talk') &&
    state.admissionResolutionOn &&
    state.probationStartOn === null
  ) {
    const r = state.admissionResolutionOn;
    const dueOn = addMonths(r, approvalMonths);
    out.push({
      kind: 'admission_approval',
      step: 'admission_approval',
      dueOn,
      remindFrom: addMonths(dueOn, -1),
      ruleId: 'recruitment.approval_window',
      message: `上级党委应在 ${dueOn} 前审批（特殊情况不迟于 ${addMonths(r, specialApprovalMonths)}）`,
    });
  }
  const inProbation =
    state.probationEndOn !== null &&
    state.pendingDecision === null &&
    state.confirmedOn === null &&
    step !== 'confirmation_meeting';
  if (inProbation && state.probationEndOn) {
    const end = state.probationEndOn;
    if (today < end)
      out.push({
        kind: 'probation_end',
        step: 'confirmation_application',
        dueOn: end,
        remindFrom: addDays(end, -settings.probationReminderDays),
        ruleId: 'recruitment.probation_not_ended',
        message: `预备期将于 ${end} 期满，请督促提出转正申请并准备支部大会`,
      });
    const meetingDue = addMonths(end, confirmationPromptMonths);
    out.push({
      kind: 'confirmation_meeting',
      step: 'confirmation_meeting',
      dueOn: meetingDue,
      remindFrom: addDays(end, -settings.probationReminderDays),
      ruleId: 'recruitment.confirmation_late',
      message: `预备期 ${end} 期满，支部大会应在 ${meetingDue} 前讨论转正`,
    });
  }
  if (step === 'confirmation_meeting' && state.stepDates.confirmation_meeting) {
    const dueOn = addMonths(state.stepDates.confirmation_meeting, approvalMonths);
    out.push({
      kind: 'confirmation_approval',
      step: 'confirmation_approval',
      dueOn,
      remindFrom: addMonths(dueOn, -1),
      ruleId: 'recruitment.confirmation_approval_late',
      message: `上级党委应在 ${dueOn} 前审批支部大会的决议`,
    });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** A due item is overdue from the day after its last day. */
export function isOverdue(due: Pick<RecruitmentDue, 'dueOn'>, today: IsoDate): boolean {
  return today > due.dueOn;
}

/** Whether a reminder should show today: from remindFrom on (including once overdue). */
export function isReminding(due: Pick<RecruitmentDue, 'remindFrom'>, today: IsoDate): boolean {
  return today >= due.remindFrom;
}
