/**
 * 民主评议党员 as alerts, a findings provider: core `evaluateAppraisalRules` on the appraisals not completed (after
 * their year ends) and the open 限期改正 plans (the 不合格 member, the deadline within 30 days or passed). A write to
 * an appraisal or a plan marks its branch (migration 20261214_1000_member_appraisals).
 */
import {
  type AppraisalRuleId,
  appraisalRuleCatalogue,
  evaluateAppraisalRules,
  type Finding,
  type IsoDate,
  type RuleId,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { openAppraisals, openPlans } from './repo.ts';

export const appraisalFindingsProvider: FindingsProvider = {
  id: 'member_appraisal',
  ruleIds: Object.keys(appraisalRuleCatalogue) as AppraisalRuleId[],
  reads: ['org', 'member_appraisal', 'member_appraisal_plan'],
  evaluate: (db, today, orgIds) => appraisalFindings(db, today, orgIds),
};

async function appraisalFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const [appraisals, plans] = await Promise.all([openAppraisals(db, orgIds), openPlans(db, orgIds)]);
  return evaluateAppraisalRules(
    appraisals.map((a) => ({
      id: a.id,
      org: { id: a.org_id, name: a.org_name },
      year: a.year,
      status: a.status,
    })),
    plans.map((p) => ({
      id: p.id,
      org: { id: p.org_id, name: p.org_name },
      personId: p.person_id,
      personName: p.person_name,
      year: p.year,
      status: p.status,
      deadline: p.deadline,
    })),
    today,
  );
}
