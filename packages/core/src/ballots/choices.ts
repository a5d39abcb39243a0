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

/** 中层干部年度考核 grades (党政领导干部考核工作条例 2019 第三十八条): 优秀 / 称职 / 基本称职 / 不称职. */
export const cadreReviewGrades = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type CadreReviewGrade = (typeof cadreReviewGrades)[number];
export const cadreReviewGradeLabels: Record<CadreReviewGrade, string> = {
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
};

/** The choices of a ballot by its purpose. */
export const ballotChoiceSets = {
  duty_review: dutyReviewGrades,
  member_appraisal: appraisalGrades,
  cadre_review: cadreReviewGrades,
} as const;
export type BallotPurpose = keyof typeof ballotChoiceSets;
export const ballotPurposes = Object.keys(ballotChoiceSets) as BallotPurpose[];
export const ballotPurposeLabels: Record<BallotPurpose, string> = {
  duty_review: '述职评议',
  member_appraisal: '民主评议党员',
  cadre_review: '中层干部年度考核',
};

/** The Chinese label of a choice of any purpose. */
export function ballotChoiceLabel(purpose: BallotPurpose, choice: string): string {
  const labels: Record<string, string> =
    purpose === 'duty_review'
      ? dutyReviewGradeLabels
      : purpose === 'cadre_review'
        ? cadreReviewGradeLabels
        : appraisalGradeLabels;
  return labels[choice] ?? choice;
}
