import {
  checkTransfers,
  evaluateOrgRules,
  type Finding,
  type IsoDate,
  type OrgCategory,
  type OrgFacts,
  type OrgType,
  type RuleId,
  ruleCatalogue,
  type Severity,
  sortFindings,
  type TeamKind,
  type TransferFacts,
  type TransferKind,
  type TransferSide,
  type TransferStatus,
  type UnitFacts,
  type UnitKind,
} from '@dangjian/core';
import type { Db, ResolvedScope, Trx } from '../../http/context.ts';
import { memoByGeneration } from '../../http/generation.ts';
import { isPathInScope } from '../../http/scope.ts';
import { lifeFindings } from '../compliance/service.ts';
import { memberCountsByOrg } from '../org/repo.ts';
import { recruitmentFindings } from '../recruitment/findings.ts';
import { getRuleSettings } from '../settings/service.ts';
import { activeAppointments, activeOrgs, allUnits, currentTerms, openTransfers } from './repo.ts';

/** Findings with the path of their org, for scope filtering. */
export interface ScopedFindings {
  findings: Finding<RuleId>[];
  pathOf: Map<number, string>;
}

/**
 * Gathers the facts of every active org and unit and runs the org rules of packages/core. Member
 * counts include the org's 党小组 (members are placed in a branch or one of its groups).
 */
export async function computeFindings(db: Db | Trx, today: IsoDate): Promise<ScopedFindings> {
  return memoByGeneration(db, `findings:${today}`, () => evaluateFindings(db, today));
}

/** Uncached evaluation (what the cache saves; measured by the benchmark). */
export async function evaluateFindings(db: Db | Trx, today: IsoDate): Promise<ScopedFindings> {
  const [orgs, counts, terms, appointments, units, settings, transfers] = await Promise.all([
    activeOrgs(db),
    memberCountsByOrg(db),
    currentTerms(db, today),
    activeAppointments(db, today),
    allUnits(db),
    getRuleSettings(db),
    openTransfers(db),
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const total = new Map<number, { all: number; full: number }>();
  for (const c of counts) {
    // A group's members count towards its branch: roll each group's counts up to its parent.
    let orgId = c.org_id!;
    const org = byId.get(orgId);
    if (org?.type === 'group' && org.parent_id !== null) orgId = org.parent_id;
    const t = total.get(orgId) ?? { all: 0, full: 0 };
    t.all += Number(c.n);
    if (c.party_status === 'full') t.full += Number(c.n);
    total.set(orgId, t);
  }
  const termOf = new Map<number, (typeof terms)[number]>();
  for (const t of terms) if (!termOf.has(t.org_id)) termOf.set(t.org_id, t);
  const teamOf = new Map<number, typeof appointments>();
  const organiserOrgs = new Set<number>();
  for (const a of appointments) {
    if (a.post === 'organiser') organiserOrgs.add(a.org_id);
    else if (a.term_id !== null) {
      const list = teamOf.get(a.term_id) ?? [];
      list.push(a);
      teamOf.set(a.term_id, list);
    }
  }
  const facts: OrgFacts[] = orgs.map((o) => {
    const t = termOf.get(o.id);
    const team = t ? (teamOf.get(t.id) ?? []) : [];
    const sec = team.find((a) => a.post === 'secretary');
    return {
      id: o.id,
      name: o.name,
      type: o.type as OrgType,
      category: o.category as OrgCategory | null,
      memberCount: total.get(o.id)?.all ?? 0,
      fullMemberCount: total.get(o.id)?.full ?? 0,
      term: t
        ? {
            id: t.id,
            number: t.number,
            startDate: t.start_date,
            plannedEndDate: t.planned_end_date,
            postponedTo: t.postponed_to,
            electionRequestedOn: t.election_requested_on,
            teamKind: t.team_kind as TeamKind,
            teamSize: new Set(team.map((a) => a.person_id)).size,
            secretary: sec
              ? { personId: sec.person_id, name: sec.name, isDualLeader: sec.is_dual_leader }
              : null,
          }
        : null,
    };
  });
  const unitFacts: UnitFacts[] = units.map((u) => {
    const attached = orgs.filter((o) => o.unit_id === u.id).sort((a, b) => a.depth - b.depth);
    const top = attached[0];
    return {
      id: u.id,
      name: u.name,
      kind: u.kind as UnitKind,
      orgId: top?.id ?? null,
      orgName: top?.name ?? null,
      hasOrganiser: attached.some((o) => organiserOrgs.has(o.id)),
    };
  });
  // A transfer finding belongs to the branch: a member in a 党小组 is counted by its branch.
  const branchOf = (orgId: number | null) => {
    const org = orgId === null ? undefined : byId.get(orgId);
    const branch = org?.type === 'group' && org.parent_id !== null ? byId.get(org.parent_id) : org;
    return branch ? { id: branch.id, name: branch.name } : null;
  };
  const transferFacts: TransferFacts[] = transfers.map((t) => ({
    kind: t.kind as TransferKind,
    status: t.status as TransferStatus,
    personName: t.person_name,
    letterNumber: t.letter_number,
    externalOrgName: t.external_org_name,
    requestedSide: t.requested_side as TransferSide | null,
    requestedOn: t.requested_on,
    expiresOn: t.expires_on,
    receiptOn: t.receipt_on,
    fromOrg: branchOf(t.from_org_id),
    toOrg: branchOf(t.to_org_id),
  }));
  const findings: Finding<RuleId>[] = [
    ...evaluateOrgRules(facts, unitFacts, settings, today),
    ...checkTransfers(transferFacts, today),
    ...(await lifeFindings(db, today, settings)),
    ...(await recruitmentFindings(db, today, settings)),
  ];
  return { findings: sortFindings(findings), pathOf };
}

/** Findings visible to the scope, optionally narrowed to a subtree, a rule or a severity. */
export function filterFindings(
  all: ScopedFindings,
  scope: ResolvedScope,
  filter: { subtreePath?: string; ruleId?: string; severity?: Severity },
): Finding<RuleId>[] {
  return all.findings.filter((f) => {
    const path = all.pathOf.get(f.orgId);
    if (!path || !isPathInScope(scope, path)) return false;
    if (filter.subtreePath && !path.startsWith(filter.subtreePath)) return false;
    if (filter.ruleId && f.ruleId !== filter.ruleId) return false;
    if (filter.severity && f.severity !== filter.severity) return false;
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
