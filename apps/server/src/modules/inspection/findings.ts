/**
 * 巡察 as alerts, a findings provider: core `evaluateInspectionRules` on every unit that has had its feedback — the
 * 整改报告 due within 7 days or overdue while the unit is rectifying (据巡视工作条例第二十七条; the finding's due
 * date is the report's, so the notifications module's morning reminder tells the unit 3 days before it), and the
 * 回头看 due once the report is in. A write to a unit marks its org, a change of a round every unit of it
 * (migration 20261212_1400_inspections).
 */
import {
  evaluateInspectionRules,
  type Finding,
  type InspectionRuleId,
  type IsoDate,
  inspectionRuleCatalogue,
  type RuleId,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { unitsForRules } from './repo.ts';

export const inspectionFindingsProvider: FindingsProvider = {
  id: 'inspection',
  ruleIds: Object.keys(inspectionRuleCatalogue) as InspectionRuleId[],
  reads: ['org', 'inspection_unit'],
  evaluate: (db, today, orgIds) => inspectionFindings(db, today, orgIds),
};

async function inspectionFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const rows = await unitsForRules(db, orgIds);
  return evaluateInspectionRules(
    rows.map((r) => ({
      roundId: r.inspection_id,
      roundName: r.round_name,
      org: { id: r.org_id, name: r.org_name },
      status: r.status,
      feedbackOn: r.feedback_on!,
      reportMonths: r.report_months,
      lookbackMonths: r.lookback_months,
    })),
    today,
  );
}
