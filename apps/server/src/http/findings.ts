import {
  type Finding,
  type IsoDate,
  isReportable,
  type RuleId,
  ruleCatalogue,
  sortFindings,
} from '@dangjian/core';
import type { Db, ResolvedScope, Trx } from './context.ts';
import { memoByGeneration } from './generation.ts';
import { readGoLiveSettings } from './go-live.ts';
import { isPathInScope } from './scope.ts';

/**
 * A module's share of the rule findings: the catalogue rules it owns and how to evaluate them (load
 * its facts, call core). Modules register providers here, so alerts and the org tree read findings
 * without importing the modules that compute them.
 */
export interface FindingsProvider {
  /** Stable name, e.g. 'org'; registering the same id again replaces the provider. */
  id: string;
  /** The rule ids of core's `ruleCatalogue` whose findings this provider produces (each owned once). */
  ruleIds: readonly RuleId[];
  /** Every finding of these rules in the college on `today`. */
  evaluate(db: Db | Trx, today: IsoDate): Promise<Finding<RuleId>[]>;
}

/** Findings with the path of their org, for scope filtering. */
export interface ScopedFindings {
  findings: Finding<RuleId>[];
  pathOf: Map<number, string>;
}

// Process-wide: providers are stateless functions of (db, today), the same for every app instance.
const providers = new Map<string, FindingsProvider>();

/** Registers providers (app.ts, the composition root, does it once per app; idempotent by id). */
export function registerFindingsProviders(list: readonly FindingsProvider[]): void {
  for (const p of list) providers.set(p.id, p);
}

/** The registered providers, in registration order. */
export function findingsProviders(): FindingsProvider[] {
  return [...providers.values()];
}

/**
 * Every provider's findings on `today`, most severe first, cached per database until the next write
 * through this process (or a few seconds).
 */
export async function computeFindings(db: Db | Trx, today: IsoDate): Promise<ScopedFindings> {
  return memoByGeneration(db, `findings:${today}`, () => evaluateFindings(db, today));
}

/** Uncached evaluation (what the cache saves; measured by the benchmark). */
export async function evaluateFindings(db: Db | Trx, today: IsoDate): Promise<ScopedFindings> {
  if (providers.size === 0) throw new Error('no findings providers registered');
  const [orgs, goLive, ...lists] = await Promise.all([
    db.selectFrom('org').select(['id', 'path']).where('archived_at', 'is', null).execute(),
    readGoLiveSettings(db),
    ...findingsProviders().map((p) => p.evaluate(db, today)),
  ]);
  // Nothing is reported for periods before the school went live (or before a rule's own start).
  const found = lists.flat();
  const reportable = goLive ? found.filter((f) => isReportable(f, goLive, today)) : found;
  return { findings: sortFindings(reportable), pathOf: new Map(orgs.map((o) => [o.id, o.path])) };
}

/** Findings visible to the scope, optionally narrowed to a subtree (alerts filter rule and severity with their counts). */
export function filterFindings(
  all: ScopedFindings,
  scope: ResolvedScope,
  filter: { subtreePath?: string },
): Finding<RuleId>[] {
  return all.findings.filter((f) => {
    const path = all.pathOf.get(f.orgId);
    if (!path || !isPathInScope(scope, path)) return false;
    if (filter.subtreePath && !path.startsWith(filter.subtreePath)) return false;
    return true;
  });
}

/** Counts by severity and by rule. */
export function summarise(findings: readonly Finding<RuleId>[]) {
  const counts = { error: 0, warning: 0, info: 0, total: findings.length };
  const byRule = new Map<RuleId, number>();
  for (const f of findings) {
    counts[f.severity] += 1;
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  }
  return {
    counts,
    byRule: [...byRule.entries()]
      .map(([ruleId, count]) => ({ ruleId, title: ruleCatalogue[ruleId].title, count }))
      .sort((a, b) => b.count - a.count),
  };
}
