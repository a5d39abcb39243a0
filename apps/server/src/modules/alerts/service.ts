import {
  type AlertFilter,
  type Finding,
  type IsoDate,
  type RuleId,
  ruleCatalogue,
  type Severity,
  severities,
} from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import { computeFindings, filterFindings } from '../../http/findings.ts';
import { subtreePathInScope } from '../../http/scope.ts';

/** The findings a filter selects, and the counts its chips show. */
export interface AlertSelection {
  /** Every matching finding, most severe first (sortFindings' order). */
  matching: Finding<RuleId>[];
  counts: {
    bySeverity: Record<Severity, number>;
    byRule: { ruleId: RuleId; title: string; severity: Severity; count: number }[];
  };
  /** The subtree's org name when the filter names one (for the export's title). */
  orgName: string | undefined;
}

type Facet = 'severity' | 'ruleId';

/** Whether a finding passes the filters other than scope and subtree, ignoring the facet `except`. */
function matches(f: Finding<RuleId>, filter: AlertFilter, except?: Facet): boolean {
  if (except !== 'ruleId' && filter.ruleId && f.ruleId !== filter.ruleId) return false;
  if (except !== 'severity' && filter.severity && f.severity !== filter.severity) return false;
  if (filter.kind && f.kind !== filter.kind) return false;
  if (filter.period && f.period !== filter.period) return false;
  if (filter.q && !f.orgName.includes(filter.q) && !f.message.includes(filter.q)) return false;
  return true;
}

/**
 * The findings in the caller's scope that the filter selects. Each facet's counts are taken over the
 * findings matching every OTHER filter (severity counts ignore the severity filter, rule counts the rule
 * filter), so a chip says how many findings choosing it would list.
 */
export async function selectAlerts(
  db: Db,
  actor: Actor,
  filter: AlertFilter,
  today: IsoDate,
): Promise<AlertSelection> {
  const subtreePath = filter.orgId ? await subtreePathInScope(db, actor, filter.orgId) : undefined;
  const inScope = filterFindings(
    await computeFindings(db, today),
    actor.scope,
    subtreePath ? { subtreePath } : {},
  );
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule = new Map<RuleId, number>();
  const matching: Finding<RuleId>[] = [];
  for (const f of inScope) {
    if (matches(f, filter, 'severity')) bySeverity[f.severity] += 1;
    if (matches(f, filter, 'ruleId')) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    if (matches(f, filter)) matching.push(f);
  }
  const orgName = filter.orgId
    ? (await db.selectFrom('org').select('name').where('id', '=', filter.orgId).executeTakeFirst())?.name
    : undefined;
  return {
    matching,
    counts: {
      bySeverity,
      byRule: [...byRule.entries()]
        .map(([ruleId, count]) => {
          const rule = ruleCatalogue[ruleId];
          return { ruleId, title: rule.title, severity: rule.severity, count };
        })
        .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'zh-CN')),
    },
    orgName,
  };
}
