import type { Appointment, OrgListItem, Term } from '@dangjian/core';
import type { appointmentsOfOrg, listOrgRows, termsOfOrg } from './repo.ts';

type OrgRow = Awaited<ReturnType<typeof listOrgRows>>[number];
type AppointmentRow = Awaited<ReturnType<typeof appointmentsOfOrg>>[number];
type TermRowOf = Awaited<ReturnType<typeof termsOfOrg>>[number];

/** An org row as the API shows it in lists. */
export function presentOrgListItem(
  o: OrgRow,
  counts: { all: number; full: number } | undefined,
  alertCount: number,
): OrgListItem {
  return {
    id: o.id,
    parentId: o.parent_id,
    name: o.name,
    shortName: o.short_name,
    type: o.type,
    category: o.category,
    code: o.code,
    unitId: o.unit_id,
    unitName: o.unit_name,
    archived: o.archived_at !== null,
    depth: o.depth,
    memberCount: counts?.all ?? 0,
    fullMemberCount: counts?.full ?? 0,
    alertCount,
    sortOrder: o.sort_order,
  };
}

export function presentAppointment(a: AppointmentRow): Appointment {
  return {
    id: a.id,
    personId: a.person_id,
    personName: a.person_name,
    post: a.post,
    termId: a.term_id,
    startDate: a.start_date,
    endDate: a.end_date,
    isFullMember: a.party_status === 'full',
    isDualLeader: a.is_dual_leader,
  };
}

export function presentTerm(t: TermRowOf, team: AppointmentRow[], currentTermId: number | null): Term {
  return {
    id: t.id,
    orgId: t.org_id,
    number: t.number,
    teamKind: t.team_kind,
    startDate: t.start_date,
    plannedEndDate: t.planned_end_date,
    actualEndDate: t.actual_end_date,
    electedOn: t.elected_on,
    electionRequestedOn: t.election_requested_on,
    postponedTo: t.postponed_to,
    postponementApprovedOn: t.postponement_approved_on,
    isCurrent: t.id === currentTermId,
    version: t.version,
    team: team.map(presentAppointment),
  };
}
