/**
 * Rectification items as alerts, a findings provider (issue 15, item 7): core `evaluateRectificationRules` on every
 * item not yet closed — due within 7 days, overdue, extended twice or more (on the item's org) and submitted but
 * not verified for 14 days (on the verifier's). Writes to an item or its milestones mark its org (migration
 * 20261208_1000_rectification_marks), so submitting, extending or closing it resolves its finding at once; the
 * calendar alone (a deadline coming or passing) is the nightly full evaluation's.
 */
import {
  evaluateRectificationRules,
  type Finding,
  type IsoDate,
  type RectificationAlertFacts,
  type RectificationRuleId,
  type RuleId,
  rectificationRuleCatalogue,
  rectificationVerifierLevel,
  toLocalDate,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { reminderOf } from './notifications.ts';
import { stateOf } from './presenter.ts';
import { milestonesOf, openItemsForRules, type RuleItemRow } from './repo.ts';

export const rectificationFindingsProvider: FindingsProvider = {
  id: 'rectification',
  ruleIds: Object.keys(rectificationRuleCatalogue) as RectificationRuleId[],
  reads: ['org', 'rectification'],
  evaluate: (db, today, orgIds) => rectificationFindings(db, today, orgIds),
  // The 3-day reminder of an item's deadline goes to its 责任人.
  reminderOf,
};

/** The org that verifies an item: the one above it, or the top of the tree (the 组织部's committee). */
function verifierOrg(r: RuleItemRow): { id: number; name: string } {
  return rectificationVerifierLevel(r.org_type, r.parent_type) === 'parent' && r.parent_id !== null
    ? { id: r.parent_id, name: r.parent_name ?? '' }
    : { id: r.root_id ?? r.org_id, name: r.root_name ?? r.org_name };
}

/** The findings of the items of the college (or of the subtrees of `orgIds`) on `today`. */
async function rectificationFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const rows = await openItemsForRules(db, orgIds);
  const milestones = await milestonesOf(
    db,
    rows.map((r) => r.id),
  );
  const facts: RectificationAlertFacts[] = rows.map((r) => ({
    id: r.id,
    org: { id: r.org_id, name: r.org_name },
    verifierOrg: verifierOrg(r),
    source: r.source,
    problem: r.problem,
    state: stateOf(r, milestones.get(r.id) ?? []),
    submittedOn: r.submitted_at === null ? null : toLocalDate(new Date(r.submitted_at)),
  }));
  return evaluateRectificationRules(facts, today);
}
