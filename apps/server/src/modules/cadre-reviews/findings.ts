/**
 * 中层干部年度考核 as alerts, a findings provider: core `evaluateCadreReviewRules` on the published 基本称职 and 不称职
 * — a 不称职, or a 红牌 due, raises `cadre_review.consequence_pending` on the round's org (the 党委) until every
 * consequence it calls for is recorded. A write to a cadre's line marks that org (migration 20261218_1100).
 */
import {
  type CadreReviewRuleId,
  cadreReviewRuleCatalogue,
  evaluateCadreReviewRules,
  type Finding,
  type RuleId,
} from '@dangjian/core';
import type { FindingsProvider } from '../../http/findings.ts';
import { publishedLowGrades } from './service.ts';

export const cadreReviewFindingsProvider: FindingsProvider = {
  id: 'cadre_review',
  ruleIds: Object.keys(cadreReviewRuleCatalogue) as CadreReviewRuleId[],
  reads: ['org', 'cadre_review_subject'],
  evaluate: async (db, _today, orgIds): Promise<Finding<RuleId>[]> =>
    evaluateCadreReviewRules(await publishedLowGrades(db, orgIds)),
};
