import type { IsoDate, OrgFacts, TermFacts, UnitFacts } from '@dangjian/core';
import type { DemoAppointment, DemoOrg, DemoPerson, DemoTerm, DemoUnit } from './types.ts';

/** The rows the org rules read, as the demo generator produces them. */
export interface RuleFactsSource {
  units: readonly DemoUnit[];
  orgs: readonly DemoOrg[];
  people: readonly DemoPerson[];
  terms: readonly DemoTerm[];
  appointments: readonly DemoAppointment[];
}

/** True when an appointment is held on `today` (its end date is the last day in post). */
export function isActiveOn(a: Pick<DemoAppointment, 'startDate' | 'endDate'>, today: IsoDate): boolean {
  return a.startDate <= today && (a.endDate === null || a.endDate >= today);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the facts `evaluateOrgRules` needs on `today`: member counts of each org (itself and its
 * 党小组), its current term (started, not ended; the latest if several) with the team in post and
 * the secretary, and for each unit its top org and whether that org has a 组织员.
 */
export function buildRuleFacts(
  source: RuleFactsSource,
  today: IsoDate,
): { orgs: OrgFacts[]; units: UnitFacts[] } {
  const orgById = new Map(source.orgs.map((o) => [o.id, o]));
  const personById = new Map(source.people.map((p) => [p.id, p]));

  const all = new Map<number, number>();
  const full = new Map<number, number>();
  const count = (orgId: number, person: DemoPerson) => {
    all.set(orgId, (all.get(orgId) ?? 0) + 1);
    if (person.partyStatus === 'full') full.set(orgId, (full.get(orgId) ?? 0) + 1);
  };
  for (const person of source.people) {
    const org = orgById.get(person.orgId);
    if (!org) continue;
    count(org.id, person);
    if (org.type === 'group' && org.parentId !== null) count(org.parentId, person);
  }

  const currentTerm = new Map<number, DemoTerm>();
  for (const term of source.terms) {
    if (term.startDate > today || term.actualEndDate !== null) continue;
    const seen = currentTerm.get(term.orgId);
    if (!seen || term.number > seen.number) currentTerm.set(term.orgId, term);
  }
  const byTerm = new Map<number, DemoAppointment[]>();
  const organiserOrgs = new Set<number>();
  for (const a of source.appointments) {
    if (!isActiveOn(a, today)) continue;
    if (a.termId !== null) push(byTerm, a.termId, a);
    if (a.post === 'organiser') organiserOrgs.add(a.orgId);
  }

  const orgs = source.orgs.map((org): OrgFacts => {
    const term = currentTerm.get(org.id);
    let termFacts: TermFacts | null = null;
    if (term) {
      const team = byTerm.get(term.id) ?? [];
      const secretaryPost = team.find((a) => a.post === 'secretary');
      const secretary = secretaryPost ? personById.get(secretaryPost.personId) : undefined;
      termFacts = {
        id: term.id,
        number: term.number,
        startDate: term.startDate,
        plannedEndDate: term.plannedEndDate,
        postponedTo: term.postponedTo,
        electionRequestedOn: term.electionRequestedOn,
        teamKind: term.teamKind,
        teamSize: new Set(team.map((a) => a.personId)).size,
        secretary: secretary
          ? { personId: secretary.id, name: secretary.name, isDualLeader: secretary.isDualLeader }
          : null,
      };
    }
    return {
      id: org.id,
      name: org.name,
      type: org.type,
      category: org.category,
      memberCount: all.get(org.id) ?? 0,
      fullMemberCount: full.get(org.id) ?? 0,
      term: termFacts,
    };
  });

  // A unit's party org: its 党总支 when it has one, else the highest org attached to it.
  const unitOrg = new Map<number, DemoOrg>();
  for (const org of source.orgs) {
    if (org.unitId === null || org.type === 'group') continue;
    const seen = unitOrg.get(org.unitId);
    const better =
      !seen ||
      (org.type === 'general_branch' && seen.type !== 'general_branch') ||
      (org.type === seen.type && org.depth < seen.depth);
    if (better) unitOrg.set(org.unitId, org);
  }
  const units = source.units.map((unit): UnitFacts => {
    const org = unitOrg.get(unit.id);
    return {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      orgId: org?.id ?? null,
      orgName: org?.name ?? null,
      hasOrganiser: org ? organiserOrgs.has(org.id) : false,
    };
  });
  return { orgs, units };
}
