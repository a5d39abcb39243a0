import {
  type ActivityKind,
  activityKindLabels,
  isRectificationOverdue,
  type RectificationAbilities,
  type RectificationDetail,
  type RectificationEvent,
  type RectificationEvidence,
  type RectificationItem,
  type RectificationMilestone,
  type RectificationState,
  type RuleId,
  rectificationNextDue,
  ruleCatalogue,
  toLocalDate,
  transferKindLabels,
} from '@dangjian/core';
import type { LinkedActivity } from '../activities/service.ts';
import type { LinkedTerm } from '../org/service.ts';
import type { LinkedStep } from '../recruitment/service.ts';
import type { LinkedTransfer } from '../transfers/service.ts';
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

/** The records an item's evidence links, read through the modules that own them (by id; a deleted one is absent). */
export interface LinkedRecords {
  activities: ReadonlyMap<number, LinkedActivity>;
  terms: ReadonlyMap<number, LinkedTerm>;
  steps: ReadonlyMap<number, LinkedStep>;
  transfers: ReadonlyMap<number, LinkedTransfer>;
}

/** A linked record's title as the evidence list and the timeline name it. */
export const linkedTitle = {
  activity: (a: Pick<LinkedActivity, 'title'>) => a.title,
  term: (t: Pick<LinkedTerm, 'number' | 'org'>) => `${t.org.name} 第${t.number}届`,
  step: (e: Pick<LinkedStep, 'personName' | 'label'>) => `${e.personName}：${e.label}`,
  transfer: (t: Pick<LinkedTransfer, 'kind' | 'personName'>) =>
    `${transferKindLabels[t.kind]}：${t.personName}`,
};

/** What a piece of evidence shows: the linked record's title, day and page, or the file. */
export function presentEvidence(e: EvidenceRow, linked: LinkedRecords): RectificationEvidence {
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
    case 'activity': {
      const a = e.activity_id === null ? undefined : linked.activities.get(e.activity_id);
      return {
        ...common,
        recordId: e.activity_id,
        title: a ? linkedTitle.activity(a) : '',
        date: a?.onDate ?? null,
        path: `/activities/${e.activity_id}`,
      };
    }
    case 'term': {
      const t = e.term_id === null ? undefined : linked.terms.get(e.term_id);
      return {
        ...common,
        recordId: e.term_id,
        title: t ? linkedTitle.term(t) : '',
        date: t?.startDate ?? null,
        path: t ? `/orgs/${t.org.id}` : null,
      };
    }
    case 'recruitment_step': {
      const s = e.recruitment_event_id === null ? undefined : linked.steps.get(e.recruitment_event_id);
      return {
        ...common,
        recordId: e.recruitment_event_id,
        title: s ? linkedTitle.step(s) : '',
        date: s?.date ?? null,
        path: s ? `/recruitment/${s.recruitmentId}` : null,
      };
    }
    case 'transfer': {
      const t = e.transfer_id === null ? undefined : linked.transfers.get(e.transfer_id);
      return {
        ...common,
        recordId: e.transfer_id,
        title: t ? linkedTitle.transfer(t) : '组织关系转接',
        date: t?.requestedOn ?? null,
        path: t?.personId != null ? `/transfers?personId=${t.personId}` : '/transfers',
      };
    }
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
    linked: LinkedRecords;
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
    evidence: parts.evidence.map((e) => presentEvidence(e, parts.linked)),
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
