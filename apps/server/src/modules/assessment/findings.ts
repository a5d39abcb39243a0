/**
 * Assessments as alerts, a findings provider: core `evaluateAssessmentRules` on every org of a round with a deadline
 * — its 自评 due within 7 days or passed (on the org: its finding's due date is the round's, so the notifications
 * module's morning reminder tells the org 3 days before it, once), and its 总支's review of the branches due soon or
 * passed (on the 总支). A step of an org marks the org and its 总支 (migration 20261213_1000_assessments).
 */
import {
  type AssessmentRuleId,
  assessmentRuleCatalogue,
  evaluateAssessmentRules,
  type Finding,
  type IsoDate,
  type RuleId,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { openRowsForRules } from './repo.ts';

export const assessmentFindingsProvider: FindingsProvider = {
  id: 'assessment',
  ruleIds: Object.keys(assessmentRuleCatalogue) as AssessmentRuleId[],
  reads: ['org', 'org_assessment'],
  evaluate: (db, today, orgIds) => assessmentFindings(db, today, orgIds),
};

async function assessmentFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const rows = await openRowsForRules(db, orgIds);
  return evaluateAssessmentRules(
    rows.map((r) => ({
      round: { id: r.round_id, title: r.title, selfDueOn: r.self_due_on, reviewDueOn: r.review_due_on },
      org: { id: r.org_id, name: r.org_name },
      status: r.status,
      generalBranch:
        r.general_branch_id !== null ? { id: r.general_branch_id, name: r.general_branch_name ?? '' } : null,
    })),
    today,
  );
}
