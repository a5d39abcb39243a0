/** Rectification campaigns as the API shows them: core's state of a row, its statuses, the list item and the detail. */
import {
  type CampaignFigures,
  type CampaignItem,
  type CampaignItemFacts,
  type CampaignOrgState,
  type CampaignProgress,
  type CampaignRow,
  type CampaignRowAbilities,
  type CampaignSubmissionStatus,
  campaignItemSource,
  campaignSubmissionStatus,
  countCampaignFigures,
  toLocalDate,
} from '@dangjian/core';
import type {
  CampaignDetailRow,
  CampaignRow as CampaignTableRow,
  EventRow,
  ItemFactRow,
  ParticipantRow,
} from './repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const dayOf = (d: Date | string | null) => (d === null ? null : toLocalDate(new Date(d)));

/** Where a participating org stands, as core's state machine reads it. */
export function stateOf(
  r: Pick<ParticipantRow, 'list_submitted_at' | 'summary_submitted_at'>,
): CampaignOrgState {
  return { listSubmitted: r.list_submitted_at !== null, summarySubmitted: r.summary_submitted_at !== null };
}

type Dates = { list_due_on: string; summary_due_on: string };

/** How the list and the summary of a row stand on `today`. */
export function statusesOf(
  r: Pick<ParticipantRow, 'list_submitted_at' | 'summary_submitted_at'>,
  c: Dates,
  today: string,
): { list: CampaignSubmissionStatus; summary: CampaignSubmissionStatus } {
  return {
    list: campaignSubmissionStatus(dayOf(r.list_submitted_at), c.list_due_on, today),
    summary: campaignSubmissionStatus(dayOf(r.summary_submitted_at), c.summary_due_on, today),
  };
}

/** The progress of a campaign's rows (those in the caller's scope) and the figures of their items. */
export function progressOf(
  c: Dates,
  rows: readonly ParticipantRow[],
  items: readonly CampaignItemFacts[],
  today: string,
): CampaignProgress {
  const statuses = rows.map((r) => statusesOf(r, c, today));
  const submitted = (s: CampaignSubmissionStatus) => s === 'submitted' || s === 'submitted_late';
  return {
    orgs: rows.length,
    listSubmitted: statuses.filter((s) => submitted(s.list)).length,
    listOverdue: statuses.filter((s) => s.list === 'overdue').length,
    summarySubmitted: statuses.filter((s) => submitted(s.summary)).length,
    summaryOverdue: statuses.filter((s) => s.summary === 'overdue').length,
    figures: countCampaignFigures(items, today),
  };
}

/** A campaign as the list shows it. */
export function presentCampaign(
  c: CampaignTableRow | CampaignDetailRow,
  progress: CampaignProgress,
  own: ParticipantRow | null,
  today: string,
): CampaignItem {
  const ownStatuses = own ? statusesOf(own, c, today) : null;
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    kind: c.kind,
    itemSource: campaignItemSource[c.kind],
    issuerOrg: { id: c.issuer_org_id, name: c.issuer_name },
    issuedOn: c.issued_on,
    listDueOn: c.list_due_on,
    summaryDueOn: c.summary_due_on,
    progress,
    ownRow:
      own && ownStatuses
        ? { orgId: own.org_id, listStatus: ownStatuses.list, summaryStatus: ownStatuses.summary }
        : null,
    version: c.version,
  };
}

const returnOf = (at: Date | string | null, by: string | null, reason: string | null) =>
  at !== null && reason !== null ? { at: iso(at), by, reason } : null;

/** One participating org with its figures today, its history and what the caller may do. */
export function presentRow(
  r: ParticipantRow,
  c: Dates,
  parts: {
    figures: CampaignFigures;
    events: EventRow[];
    items: ItemFactRow[];
    abilities: CampaignRowAbilities;
  },
  today: string,
): CampaignRow {
  const statuses = statusesOf(r, c, today);
  return {
    org: { id: r.org_id, name: r.org_name, type: r.org_type },
    parentName: r.parent_type === 'general_branch' ? r.parent_name : null,
    listStatus: statuses.list,
    listSubmittedAt: r.list_submitted_at ? iso(r.list_submitted_at) : null,
    listSubmittedBy: r.list_submitted_at ? r.list_submitted_by_name : null,
    noProblems: r.list_submitted_at !== null && r.no_problems,
    listNote: r.list_submitted_at ? r.list_note : null,
    listReturn: r.list_submitted_at
      ? null
      : returnOf(r.list_returned_at, r.list_returned_by_name, r.list_return_reason),
    summaryStatus: statuses.summary,
    summarySubmittedAt: r.summary_submitted_at ? iso(r.summary_submitted_at) : null,
    summarySubmittedBy: r.summary_submitted_at ? r.summary_submitted_by_name : null,
    summary: r.summary,
    summaryFigures:
      r.summary_submitted_at && r.summary_items !== null
        ? {
            items: r.summary_items,
            closed: r.summary_closed ?? 0,
            open: r.summary_open ?? 0,
            overdue: r.summary_overdue ?? 0,
          }
        : null,
    summaryReturn: r.summary_submitted_at
      ? null
      : returnOf(r.summary_returned_at, r.summary_returned_by_name, r.summary_return_reason),
    figures: parts.figures,
    items: parts.items.map((i) => ({
      id: i.id,
      problem: i.problem,
      status: i.status,
      nextDue: i.next_due,
      overdue: (i.status === 'pending' || i.status === 'in_progress') && i.next_due < today,
      responsiblePersonName: i.person_name,
    })),
    events: parts.events.map((e) => ({ at: iso(e.at), kind: e.kind, actorName: e.actor_name, note: e.note })),
    abilities: parts.abilities,
    version: r.version,
  };
}

/** Who has not submitted first: overdue, then due, then submitted late, then submitted; by the tree within. */
const urgency: Record<CampaignSubmissionStatus, number> = {
  overdue: 0,
  not_submitted: 1,
  submitted_late: 2,
  submitted: 3,
};

/** Orders rows as the progress table shows them: the list's urgency, then the summary's, then the tree. */
export function byUrgency(a: CampaignRow, b: CampaignRow): number {
  return urgency[a.listStatus] - urgency[b.listStatus] || urgency[a.summaryStatus] - urgency[b.summaryStatus];
}
