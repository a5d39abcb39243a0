import { type AssessmentRecordKind, parseStepRefId, parseTermRefId } from '@dangjian/core';

/** A record a figure came from or a reviewer linked, as the API sends it. */
export interface RecordRef {
  kind: AssessmentRecordKind;
  id: string;
  label: string | null;
}

const numeric = (id: string) => /^\d+$/.test(id);

/**
 * The page that opens a record, as the other pages link them (rectification evidence, search): a 组织生活
 * record, a finding (by its key), a rectification item, a supervised task; a 发展党员 step on its dossier (core
 * `stepRefId`: `dossier-34-event-812` taken, `dossier-34-step-…` not yet); a 届次 record on its org's 班子与届次
 * tab (core `termRefId`: `org:12:term:34`); a transfer in the transfer list. Null when the ref names no page (a
 * term or a step known by its own id only, as links were saved before): the label is shown without a link.
 */
export function recordPath(ref: Pick<RecordRef, 'kind' | 'id'>): string | null {
  const id = ref.id.trim();
  if (!id) return null;
  switch (ref.kind) {
    case 'activity':
      return numeric(id) ? `/activities/${id}` : null;
    case 'finding':
      return `/alerts/${encodeURIComponent(id)}`;
    case 'rectification':
      return numeric(id) ? `/rectifications/${id}` : null;
    case 'supervised_task':
      return numeric(id) ? `/supervised-tasks/${id}` : null;
    case 'member_appraisal':
      return numeric(id) ? `/member-appraisals/${id}` : null;
    case 'term': {
      const org = parseTermRefId(id)?.orgId;
      return org ? `/orgs/${org}?tab=team` : null;
    }
    case 'recruitment_step': {
      const dossier = parseStepRefId(id)?.recruitmentId;
      return dossier ? `/recruitment/${dossier}` : null;
    }
    case 'transfer': {
      const person = /^person:(\d+)/.exec(id)?.[1];
      return person ? `/transfers?personId=${person}` : '/transfers';
    }
  }
}

/** A stable key of a ref, to tell two links apart. */
export const recordKey = (ref: Pick<RecordRef, 'kind' | 'id'>) => `${ref.kind}:${ref.id}`;

/** The refs without repeats, in their first order. */
export function uniqueRecords<T extends Pick<RecordRef, 'kind' | 'id'>>(refs: readonly T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = recordKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
