/**
 * Rectification campaigns as alerts, a findings provider: core `evaluateCampaignRules` on every participating org
 * whose list or summary is not in — due within 7 days (its finding's due date is the campaign's, so the
 * notifications module's morning reminder tells the org 3 days before it, once) or overdue. A write to a
 * participating org's row marks that org, a change of a campaign's dates every org of it (migration
 * 20261212_1000_rectification_campaigns); a submission resolves the org's finding, a return brings it back.
 */
import {
  type CampaignRuleId,
  campaignRuleCatalogue,
  evaluateCampaignRules,
  type Finding,
  type IsoDate,
  type RuleId,
  toLocalDate,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { openRowsForRules } from './repo.ts';

export const campaignFindingsProvider: FindingsProvider = {
  id: 'rectification_campaign',
  ruleIds: Object.keys(campaignRuleCatalogue) as CampaignRuleId[],
  reads: ['org', 'rectification_campaign'],
  evaluate: (db, today, orgIds) => campaignFindings(db, today, orgIds),
};

const dayOf = (d: Date | string | null) => (d === null ? null : toLocalDate(new Date(d)));

async function campaignFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const rows = await openRowsForRules(db, orgIds);
  return evaluateCampaignRules(
    rows.map((r) => ({
      campaign: {
        id: r.campaign_id,
        name: r.campaign_name,
        listDueOn: r.list_due_on,
        summaryDueOn: r.summary_due_on,
      },
      org: { id: r.org_id, name: r.org_name },
      listSubmittedOn: dayOf(r.list_submitted_at),
      summarySubmittedOn: dayOf(r.summary_submitted_at),
    })),
    today,
  );
}
