/**
 * What a ballot asks of each voter, per purpose: one grade per item (a secretary in 述职评议, a member in 民主评议党员
 * 民主测评). The grades are the national practice's (RULES.md): 述职评议考核 好 / 较好 / 一般 / 差; 民主评议党员
 * 优秀 / 合格 / 基本合格 / 不合格 (党员教育管理工作条例 第十八条).
 */

export const dutyReviewGrades = ['good', 'fairly_good', 'average', 'poor'] as const;
export type DutyReviewGrade = (typeof dutyReviewGrades)[number];
export const dutyReviewGradeLabels: Record<DutyReviewGrade, string> = {
  good: '好',
  fairly_good: '较好',
  average: '一般',
  poor: '差',
};

export const appraisalGrades = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type AppraisalGrade = (typeof appraisalGrades)[number];
export const appraisalGradeLabels: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

/** The choices of a ballot by its purpose (later issues add their own, e.g. the cadres' yearly review). */
export const ballotChoiceSets = {
  duty_review: dutyReviewGrades,
  member_appraisal: appraisalGrades,
} as const;
export type BallotPurpose = keyof typeof ballotChoiceSets;
export const ballotPurposes = Object.keys(ballotChoiceSets) as BallotPurpose[];
export const ballotPurposeLabels: Record<BallotPurpose, string> = {
  duty_review: '述职评议',
  member_appraisal: '民主评议党员',
};

/** The Chinese label of a choice of any purpose. */
export function ballotChoiceLabel(purpose: BallotPurpose, choice: string): string {
  const labels: Record<string, string> =
    purpose === 'duty_review' ? dutyReviewGradeLabels : appraisalGradeLabels;
  return labels[choice] ?? choice;
}
