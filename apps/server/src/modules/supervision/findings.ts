/**
 * Supervised tasks as alerts, a findings provider: core `evaluateSupervisedTaskRules` on every open task — the
 * deadline within 7 days (its finding's due date is the deadline, so the notifications module's morning reminder
 * tells the lead unit 3 days before it, once), the deadline passed and a progress report due and missing, all on
 * the lead unit. A write to a task marks its lead unit (migration 20261209_0900_supervised_tasks).
 */
import {
  evaluateSupervisedTaskRules,
  type Finding,
  type IsoDate,
  type RuleId,
  type SupervisionRuleId,
  supervisionRuleCatalogue,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { stateOf } from './presenter.ts';
import { openTasksForRules } from './repo.ts';

export const supervisionFindingsProvider: FindingsProvider = {
  id: 'supervision',
  ruleIds: Object.keys(supervisionRuleCatalogue) as SupervisionRuleId[],
  reads: ['org', 'supervised_task'],
  evaluate: (db, today, orgIds) => supervisionFindings(db, today, orgIds),
};

async function supervisionFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const rows = await openTasksForRules(db, orgIds);
  return evaluateSupervisedTaskRules(
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      leadOrg: { id: r.org_id, name: r.lead_name },
      state: stateOf(r),
      cadence: r.cadence,
      issuedOn: r.issued_on,
      lastReportOn: r.last_report_on,
    })),
    today,
  );
}
