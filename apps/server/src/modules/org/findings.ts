import {
  evaluateOrgRules,
  type Finding,
  type IsoDate,
  type OrgFacts,
  orgRuleIds,
  type UnitFacts,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { getRuleSettings } from '../settings/service.ts';
import { activeAppointments, activeOrgs, allUnits, currentTerms, memberCountsByOrg } from './repo.ts';

/** The org rules (branch size, teams, terms, organisers) as a findings provider. */
export const orgFindingsProvider: FindingsProvider = {
  id: 'org',
  ruleIds: orgRuleIds,
  reads: ['org', 'person', 'term', 'appointment', 'unit'],
  evaluate: orgFindings,
};

/**
 * Gathers the facts of every active org and unit and runs the org rules of packages/core. Member
 * counts include the org's 党小组 (members are placed in a branch or one of its groups).
 */
async function orgFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding[]> {
  const [orgs, units, settings] = await Promise.all([activeOrgs(db), allUnits(db), getRuleSettings(db)]);
  // Asked about some orgs (after a write), the other facts are read for the orgs their findings depend on only:
  // themselves, their 党小组 (whose members count towards the branch) and, for a unit filed under one of them,
  // every org of that unit (where its 组织员 may hold the post).
  const relevant = orgIds ? relevantOrgs(orgs, orgIds) : undefined;
  const [counts, terms, appointments] = await Promise.all([
    memberCountsByOrg(db, relevant),
    currentTerms(db, today, orgIds ?? undefined),
    activeAppointments(db, today, relevant),
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
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
  // The facts are cheap to load whole; only the orgs asked for are judged (units by the org they file under).
  const wanted = orgIds ? new Set(orgIds) : null;
  const facts: OrgFacts[] = orgs
    .filter((o) => !wanted || wanted.has(o.id))
    .map((o) => {
      const t = termOf.get(o.id);
      const team = t ? (teamOf.get(t.id) ?? []) : [];
      const sec = team.find((a) => a.post === 'secretary');
      return {
        id: o.id,
        name: o.name,
        type: o.type,
        category: o.category,
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
              teamKind: t.team_kind,
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
      kind: u.kind,
      orgId: top?.id ?? null,
      orgName: top?.name ?? null,
      hasOrganiser: attached.some((o) => organiserOrgs.has(o.id)),
    };
  });
  return evaluateOrgRules(
    facts,
    unitFacts.filter((u) => !wanted || (u.orgId !== null && wanted.has(u.orgId))),
    settings,
    today,
  );
}

type ActiveOrg = Awaited<ReturnType<typeof activeOrgs>>[number];

/** The orgs whose facts the findings of `orgIds` read: those, their 党小组, and the orgs of a unit they head. */
function relevantOrgs(orgs: readonly ActiveOrg[], orgIds: readonly number[]): number[] {
  const wanted = new Set(orgIds);
  const out = new Set(orgIds);
  for (const o of orgs)
    if (o.type === 'group' && o.parent_id !== null && wanted.has(o.parent_id)) out.add(o.id);
  const byUnit = new Map<number, ActiveOrg[]>();
  for (const o of orgs) {
    if (o.unit_id === null) continue;
    const attached = byUnit.get(o.unit_id);
    if (attached) attached.push(o);
    else byUnit.set(o.unit_id, [o]);
  }
  for (const attached of byUnit.values()) {
    const top = [...attached].sort((a, b) => a.depth - b.depth)[0]!;
    if (wanted.has(top.id)) for (const o of attached) out.add(o.id);
  }
  return [...out];
}
