/**
 * Findings of 述职评议: a secretary whose latest published grade is 差 (中组部 述职评议考核办法 2019 第三条 [C]) —
 * on the secretary's org, keyed by the campaign, until a later published campaign grades the org otherwise.
 */
import { type DutyReviewGrade, dutyReviewGradeLabels } from '../ballots/choices.ts';
import type { DutyReviewRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';

/** An org's latest published grade (the read's row). */
export interface DutyReviewGradeFact {
  campaignId: number;
  campaignTitle: string;
  year: number;
  org: { id: number; name: string };
  secretaryName: string;
  grade: DutyReviewGrade;
  /** 整改 items the 点评 opened for this secretary. */
  rectificationCount: number;
}

/** The findings of the latest grades: one per org graded 差. */
export function evaluateDutyReviewRules(latest: readonly DutyReviewGradeFact[]): Finding<DutyReviewRuleId>[] {
  return latest
    .filter((f) => f.grade === 'poor')
    .map((f) =>
      finding(
        'duty_review.poor',
        f.org,
        `${f.year}年度书记抓党建述职评议考核（${f.campaignTitle}）中，${f.org.name}书记${f.secretaryName}的等次为${dutyReviewGradeLabels[f.grade]}。`,
        f.rectificationCount > 0
          ? `上级党组织负责人约谈，按点评意见形成的${f.rectificationCount}项整改事项限期整改。`
          : '上级党组织负责人约谈；将点评意见转为整改事项（整改方案 + 整改责任清单），限期整改。',
        { subject: `duty-review-${f.campaignId}`, period: String(f.year) },
      ),
    );
}

/** Points of a grade on the 4-level scale (好 4 … 差 1), the assessment metric's value. */
export const dutyReviewGradePoints = {
  good: 4,
  fairly_good: 3,
  average: 2,
  poor: 1,
} as const satisfies Record<DutyReviewGrade, number>;
