/** Supervised tasks as the API shows them: core's state from a row, the list item, the detail. */
import {
  activityKindLabels,
  isTaskOverdue,
  nextProgressReportDue,
  type OrgType,
  progressReportDue,
  type SupervisedTaskAbilities,
  type SupervisedTaskDetail,
  type SupervisedTaskEvent,
  type SupervisedTaskItem,
  type SupervisedTaskState,
  supervisionSourceLabel,
} from '@dangjian/core';
import type { DetailRow, EventRow, ItemRow } from './repo.ts';

type StateColumns = Pick<
  ItemRow,
  'status' | 'deadline' | 'original_deadline' | 'extensions' | 'extension_until' | 'extension_reason'
>;

/** Where a task is, as core's state machine reads it. */
export function stateOf(r: StateColumns): SupervisedTaskState {
  return {
    status: r.status,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    extensions: r.extensions,
    extensionRequest:
      r.extension_until !== null ? { until: r.extension_until, reason: r.extension_reason ?? '' } : null,
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The meeting's name as a task shows it: 党委会 / 党务工作例会 / 党政联席会 (or the record's kind). */
export function sourceKindLabel(r: Pick<ItemRow, 'activity_kind' | 'activity_org_type'>): string {
  if (!r.activity_kind) return '会议记录';
  return (
    supervisionSourceLabel(r.activity_kind, (r.activity_org_type ?? 'branch') as OrgType) ??
    activityKindLabels[r.activity_kind]
  );
}

/** A task as lists show it. */
export function presentItem(r: ItemRow | DetailRow, today: string): SupervisedTaskItem {
  const state = stateOf(r);
  const facts = { state, cadence: r.cadence, issuedOn: r.issued_on, lastReportOn: r.last_report_on };
  return {
    id: r.id,
    title: r.title,
    issuerOrg: { id: r.issuer_org_id, name: r.issuer_name },
    leadOrg: { id: r.org_id, name: r.lead_name },
    activity: {
      id: r.activity_id ?? 0,
      title: r.activity_title ?? '（记录已删除）',
      onDate: r.activity_on_date ?? r.issued_on,
      kindLabel: sourceKindLabel(r),
    },
    status: r.status,
    cadence: r.cadence,
    issuedOn: r.issued_on,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    extensions: r.extensions,
    extensionRequest: state.extensionRequest,
    overdue: isTaskOverdue(state, today),
    lastReportOn: r.last_report_on,
    nextReportDue: nextProgressReportDue(r.status, r.cadence, r.issued_on, r.last_report_on, r.deadline),
    reportMissing: progressReportDue(facts, today) !== null,
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

/** One entry of the timeline. */
export function presentEvent(e: EventRow): SupervisedTaskEvent {
  return {
    at: iso(e.at),
    kind: e.kind,
    actorName: e.actor_name,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
    until: e.until,
  };
}

/** A task with its timeline and what the caller may do. */
export function presentDetail(
  r: DetailRow,
  parts: {
    assistingOrgs: { id: number; name: string }[];
    events: EventRow[];
    abilities: SupervisedTaskAbilities;
  },
  today: string,
): SupervisedTaskDetail {
  const byId = new Map(parts.assistingOrgs.map((o) => [o.id, o]));
  return {
    ...presentItem(r, today),
    content: r.content,
    result: r.result,
    resolution: r.resolution_id !== null ? { id: r.resolution_id, title: r.resolution_title ?? '' } : null,
    assistingOrgs: r.assisting_org_ids.flatMap((id) => byId.get(id) ?? []),
    events: parts.events.map(presentEvent),
    abilities: parts.abilities,
    createdByName: r.created_by_name,
    acceptedAt: r.accepted_at ? iso(r.accepted_at) : null,
    reportedDoneAt: r.reported_done_at ? iso(r.reported_done_at) : null,
    doneAt: r.done_at ? iso(r.done_at) : null,
  };
}
