/**
 * The ids of the record refs that name a record through the page that shows it (`AssessmentRecordRef.id`), for
 * the kinds whose own id opens no page: a 届次 (term) is shown on its org's 班子与届次 tab, a 发展党员 step on its
 * dossier. The metric providers write these ids, the server resolves a reviewer's link by them (scope checked on
 * the org or the dossier), and the web opens the page they name. The other kinds are named by their own id.
 */
import { type RecruitmentStep, recruitmentSteps } from '../recruitment/dictionaries.ts';

/** `org:12:term:34`: term 34 of org 12. */
export const termRefId = (orgId: number, termId: number): string => `org:${orgId}:term:${termId}`;

/**
 * A 发展党员 step of dossier 34: one taken is its recorded step (`dossier-34-event-812`, the recruitment_event id);
 * one not taken has no record and is named by the step (`dossier-34-step-political_review`, the subject of the
 * alert its deadline raised).
 */
export const stepRefId = (
  recruitmentId: number,
  step: { eventId: number } | { step: RecruitmentStep },
): string =>
  'eventId' in step
    ? `dossier-${recruitmentId}-event-${step.eventId}`
    : `dossier-${recruitmentId}-step-${step.step}`;

const idPart = (s: string | undefined) => (s !== undefined && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : null);

/** The org (and the term, when named) of a term ref id; null when it names no org. `org:12` names the org only. */
export function parseTermRefId(id: string): { orgId: number; termId: number | null } | null {
  const m = /^org:(\d+)(?::term:(\d+))?$/.exec(id.trim());
  const orgId = idPart(m?.[1]);
  if (!m || orgId === null) return null;
  if (m[2] === undefined) return { orgId, termId: null };
  const termId = idPart(m[2]);
  return termId === null ? null : { orgId, termId };
}

/** A parsed step ref id: the dossier, and the recorded step or the step not taken (neither: the dossier). */
export interface StepRefParts {
  recruitmentId: number;
  eventId: number | null;
  step: RecruitmentStep | null;
}

/** The dossier (and the recorded step or the step) of a step ref id; null when it names no dossier. */
export function parseStepRefId(id: string): StepRefParts | null {
  const m = /^dossier[-:](\d+)(?:-(event|step)-([a-z_\d]+))?$/.exec(id.trim());
  const recruitmentId = idPart(m?.[1]);
  if (!m || recruitmentId === null) return null;
  if (m[2] === undefined) return { recruitmentId, eventId: null, step: null };
  if (m[2] === 'event') {
    const eventId = idPart(m[3]);
    return eventId === null ? null : { recruitmentId, eventId, step: null };
  }
  const step = recruitmentSteps.find((s) => s === m[3]);
  return step ? { recruitmentId, eventId: null, step } : null;
}
