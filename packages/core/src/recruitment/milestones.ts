/**
 * The milestones of 发展党员 a year is counted by (the 发展统计 funnel, the overview's 接收预备党员 and 转正,
 * and the dossier list's 「本年达到」 filter): one function says on which day a dossier reached each, so the
 * figures and the lists they open count the same dossiers.
 */
import type { IsoDate } from '../dates.ts';
import type { RecruitmentState } from './procedure.ts';

export const recruitmentMilestones = [
  'applications',
  'activists',
  'candidates',
  'admitted',
  'confirmed',
] as const;
export type RecruitmentMilestone = (typeof recruitmentMilestones)[number];
export const recruitmentMilestoneLabels = {
  applications: '递交入党申请书',
  activists: '确定为入党积极分子',
  candidates: '确定为发展对象',
  admitted: '接收为预备党员',
  confirmed: '转为正式党员',
} as const satisfies Record<RecruitmentMilestone, string>;

/**
 * The day a dossier reached a milestone, or null: the application (step 1), the 积极分子 (step 3) and 发展对象
 * (step 7) decisions, the superior's approval of the admission (step 17, 接收预备党员; only while the admission
 * stands) and its approval of 转正 (step 24, once 转正 is in force). A step recorded again counts on its latest day.
 */
export function milestoneDate(
  state: Pick<RecruitmentState, 'stepDates' | 'probationStartOn' | 'confirmedOn'>,
  milestone: RecruitmentMilestone,
): IsoDate | null {
  const d = state.stepDates;
  switch (milestone) {
    case 'applications':
      return d.application ?? null;
    case 'activists':
      return d.activist_designation ?? null;
    case 'candidates':
      return d.candidate_designation ?? null;
    case 'admitted':
      return state.probationStartOn !== null ? (d.admission_approval ?? null) : null;
    case 'confirmed':
      return state.confirmedOn !== null ? (d.confirmation_approval ?? null) : null;
  }
}
