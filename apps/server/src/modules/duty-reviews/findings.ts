/**
 * 述职评议 as alerts, a findings provider: core `evaluateDutyReviewRules` on each org's latest published grade — a
 * 差 raises `duty_review.poor` on the secretary's org with its clause. A write to a campaign's secretaries marks
 * their orgs (migration 20261214_1100_duty_reviews); publication touches them.
 */
import {
  type DutyReviewRuleId,
  dutyReviewRuleCatalogue,
  evaluateDutyReviewRules,
  type Finding,
  type RuleId,
} from '@dangjian/core';
import type { FindingsProvider } from '../../http/findings.ts';
import { latestDutyReviewGrades } from './service.ts';

export const dutyReviewFindingsProvider: FindingsProvider = {
  id: 'duty_review',
  ruleIds: Object.keys(dutyReviewRuleCatalogue) as DutyReviewRuleId[],
  reads: ['org', 'duty_review_subject'],
  evaluate: async (db, _today, orgIds): Promise<Finding<RuleId>[]> =>
    evaluateDutyReviewRules(
      (await latestDutyReviewGrades(db, orgIds)).map((g) => ({
        campaignId: g.reviewId,
        campaignTitle: g.reviewTitle,
        year: g.year,
        org: { id: g.orgId, name: g.orgName },
        secretaryName: g.personName,
        grade: g.grade,
        rectificationCount: g.rectificationIds.length,
      })),
    ),
};
