import {
  type ActivityKind,
  activityKindLabels,
  isRectificationOverdue,
  type RecruitmentStep,
  type RectificationAbilities,
  type RectificationDetail,
  type RectificationEvent,
  type RectificationEvidence,
  type RectificationItem,
  type RectificationMilestone,
  type RectificationState,
  type RuleId,
  recruitmentStepInfo,
  rectificationNextDue,
  ruleCatalogue,
  toLocalDate,
  transferKindLabels,
} from '@dangjian/core';
import type { DetailRow, EventRow, EvidenceRow, ItemRow } from './repo.ts';

/** Where an item stands, as core's state machine reads it. */
export function stateOf(
  r: Pick<
    ItemRow,
    | 'status'
    | 'deadline'
    | 'original_deadline'
    | 'extensions'
    | 'extension_until'
    | 'extension_reason'
    | 'reopen_count'
  >,
  milestones: readonly RectificationMilestone[],
): RectificationState {
  return {
    status: r.status,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    extensions: r.extensions,
    extensionRequest:
      r.extension_until !== null ? { until: r.extension_until, reason: r.extension_reason ?? '' } : null,
    milestones,
    reopenCount: r.reopen_count,
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** An item as lists show it; `assisting` when the caller sees it only as one of its 协办 orgs. */
export function presentItem(
  r: ItemRow,
  milestones: readonly RectificationMilestone[],
  today: string,
  assisting = false,
): RectificationItem {
  const state = stateOf(r, milestones);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    source: r.source,
    sourceLabel: r.source_label,
    findingKey: r.finding_key,
    activityId: r.activity_id,
    problem: r.problem,
    responsiblePerson:
      r.responsible_person_id !== null ? { id: r.responsible_person_id, name: r.person_name ?? '' } : null,
    status: r.status,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    extensions: r.extensions,
    extensionRequest: state.extensionRequest,
    nextDue: rectificationNextDue(state),
    overdue: isRectificationOverdue(state, today),
    assisting,
    reopenCount: r.reopen_count,
    milestoneCount: milestones.length,
    milestonesDone: milestones.filter((m) => m.doneOn !== null).length,
    evidenceCount: r.evidence_count,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

/** What a piece of evidence shows: the linked record's title, day and page, or the file. */
export function presentEvidence(e: EvidenceRow): RectificationEvidence {
  const common = {
    id: e.id,
    kind: e.kind,
    note: e.note,
    fileName: null,
    size: null,
    findingKey: null,
    recordId: null,
    addedByName: e.added_by_name,
    addedAt: iso(e.added_at),
  };
  switch (e.kind) {
    case 'activity':
      return {
        ...common,
        recordId: e.activity_id,
        title: e.activity_title ?? '',
        date: e.activity_on_date,
        path: `/activities/${e.activity_id}`,
      };
    case 'term':
      return {
        ...common,
        recordId: e.term_id,
        title: `${e.term_org_name ?? ''} 第${e.term_number ?? ''}届`,
        date: e.term_start,
        path: `/orgs/${e.term_org_id}`,
      };
    case 'recruitment_step': {
      const step = e.recruitment_step as RecruitmentStep | 'withdrawal' | null;
      const label = step && step !== 'withdrawal' ? recruitmentStepInfo[step].label : '终止发展';
      return {
        ...common,
        recordId: e.recruitment_event_id,
        title: `${e.applicant_name ?? ''}：${label}`,
        date: e.recruitment_on_date,
        path: `/recruitment/${e.recruitment_id}`,
      };
    }
    case 'transfer':
      return {
        ...common,
        recordId: e.transfer_id,
        title: `${e.transfer_kind ? transferKindLabels[e.transfer_kind] : '组织关系转接'}：${e.transfer_person_name ?? ''}`,
        date: e.transfer_on,
        path: e.transfer_person_id !== null ? `/transfers?personId=${e.transfer_person_id}` : '/transfers',
      };
    case 'finding':
      return {
        ...common,
        findingKey: e.finding_key,
        title: `${e.finding_rule_id ? ruleCatalogue[e.finding_rule_id as RuleId].title : '预警'}（${e.finding_org_name ?? ''}）`,
        date: e.finding_resolved_at ? toLocalDate(new Date(e.finding_resolved_at)) : null,
        path: e.finding_key ? `/alerts/${encodeURIComponent(e.finding_key)}` : null,
      };
    case 'file':
      return {
        ...common,
        title: e.file_name ?? '',
        date: null,
        path: null,
        fileName: e.file_name,
        size: e.size,
      };
  }
}

/** One entry of the timeline. */
export function presentEvent(e: EventRow): RectificationEvent {
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

/** An item with everything recorded on it and what the caller may do. */
export function presentDetail(
  r: DetailRow,
  parts: {
    milestones: readonly RectificationMilestone[];
    assistingOrgs: { id: number; name: string }[];
    evidence: EvidenceRow[];
    events: EventRow[];
    abilities: RectificationAbilities;
    verifier: RectificationDetail['verifier'];
    assisting: boolean;
  },
  today: string,
): RectificationDetail {
  const byId = new Map(parts.assistingOrgs.map((o) => [o.id, o]));
  return {
    ...presentItem(r, parts.milestones, today, parts.assisting),
    clause: r.clause,
    measures: r.measures,
    result: r.result,
    assistingOrgs: r.assisting_org_ids.flatMap((id) => byId.get(id) ?? []),
    inspection: r.inspection_id !== null ? { id: r.inspection_id, name: r.inspection_name ?? '' } : null,
    activity:
      r.activity_id !== null
        ? { id: r.activity_id, title: r.activity_title ?? '', onDate: r.activity_on_date ?? '' }
        : null,
    sourceRef: r.source_ref,
    campaign: r.campaign_id !== null ? { id: r.campaign_id, name: r.campaign_name ?? '' } : null,
    milestones: [...parts.milestones],
    evidence: parts.evidence.map(presentEvidence),
    events: parts.events.map(presentEvent),
    abilities: parts.abilities,
    verifier: parts.verifier,
    createdByName: r.created_by_name,
    submittedAt: r.submitted_at ? iso(r.submitted_at) : null,
    closedAt: r.closed_at ? iso(r.closed_at) : null,
  };
}

/** A record's kind in words, for timeline notes (e.g. 组织生活会：…). */
export function activityLabel(kind: ActivityKind, title: string): string {
  return `${activityKindLabels[kind]}：${title}`;
}
