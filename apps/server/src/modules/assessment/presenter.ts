/**
 * Assessments as the API shows them: core's procedure state from a row and its steps, a system version, a round
 * with its progress, an org on the board, its scorecard and its results by year.
 */
import {
  type AssessmentRoundItem,
  type AssessmentStatus,
  type AssessmentStepRecord,
  allowedIndicatorSystemEdits,
  type IndicatorSystemDetail,
  type IndicatorSystemItem,
  type IsoDate,
  isVetoProvisional,
  type OrgAssessmentAbilities,
  type OrgAssessmentDetail,
  type OrgAssessmentItem,
  type OrgAssessmentResult,
  type OrgAssessmentState,
  provisionalVetoIds,
  scoreOutOf100,
  toLocalDate,
} from '@dangjian/core';
import type { OrgRow, RoundRow, StepRow, SystemRow } from './repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Statuses after the 组织部's approval: the score is frozen and the follow-up band is the result's. */
const decided: readonly AssessmentStatus[] = ['committee_decision', 'public_notice', 'final'];

/** One step as core's procedure keeps it. */
export function stepOf(s: StepRow): AssessmentStepRecord {
  return {
    transition: s.transition,
    from: s.from_status,
    to: s.to_status,
    byId: s.actor_id,
    byName: s.actor_name,
    at: iso(s.at),
    reason: s.reason,
  };
}

/** Where an org stands in its round, as core's procedure reads it. */
export function stateOf(r: OrgRow, steps: readonly StepRow[]): OrgAssessmentState {
  return {
    status: r.status,
    hasGeneralBranch: r.general_branch_id !== null,
    notRatedReason: r.not_rated_reason,
    decidedOn: r.decided_on,
    noticeStartOn: r.notice_start_on,
    noticeEndOn: r.notice_end_on,
    history: steps.map(stepOf),
  };
}

/** A system version as lists show it. */
export function presentSystem(s: SystemRow): IndicatorSystemItem {
  return {
    id: s.id,
    kind: s.kind,
    level: s.level,
    name: s.name,
    year: s.year,
    mode: s.mode,
    maxScore: s.definition.maxScore,
    inUse: s.in_use,
    updatedAt: iso(s.updated_at),
    version: s.version,
  };
}

/** A system version with its definition and what may still be edited. */
export function presentSystemDetail(s: SystemRow): IndicatorSystemDetail {
  return {
    ...presentSystem(s),
    definition: s.definition,
    abilities: allowedIndicatorSystemEdits(s.in_use),
  };
}

/** A round as lists show it, with the progress of its orgs in the caller's scope. */
export function presentRound(
  r: RoundRow,
  progress: Partial<Record<AssessmentStatus, number>>,
): AssessmentRoundItem {
  return {
    id: r.id,
    title: r.title,
    system: { id: r.system_id, name: r.system_name, kind: r.system_kind, year: r.system_year },
    scopeOrg: { id: r.scope_org_id, name: r.scope_org_name },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    referenceDate: r.reference_date,
    noticeWorkingDays: r.notice_working_days,
    selfDueOn: r.self_due_on,
    reviewDueOn: r.review_due_on,
    progress,
    createdAt: iso(r.created_at),
    version: r.version,
  };
}

/** An org of a round as the board lists it. */
export function presentOrgItem(r: OrgRow, periodEnd: IsoDate): OrgAssessmentItem {
  const score = r.score;
  const provisionalVetoes = provisionalVetoIds(score, {
    status: r.status,
    computedOn: r.computed_at ? toLocalDate(new Date(r.computed_at)) : null,
    periodEnd,
  });
  return {
    orgId: r.org_id,
    orgName: r.org_name,
    parentId: r.parent_id,
    parentName: r.parent_name,
    status: r.status,
    notRatedReason: r.not_rated_reason,
    total: score && score.mode === 'score' ? r.total : null,
    scoreOutOf100: score && score.mode === 'score' ? scoreOutOf100(score) : null,
    stars: r.stars,
    passed: r.passed,
    vetoed: r.vetoed,
    provisionalVetoes,
    vetoProvisional: isVetoProvisional(score, provisionalVetoes),
    followUp: decided.includes(r.status) ? r.follow_up : null,
    pendingCount: r.pending_count,
    updatedAt: iso(r.updated_at),
  };
}

/** One final result, for the trend and for later modules. */
export function presentResult(r: {
  round_id: number;
  title: string;
  kind: OrgAssessmentResult['kind'];
  year: number;
  system_name: string;
  definition: { mode: 'score' | 'pass_fail'; maxScore: number };
  period_end: string;
  total: number | null;
  stars: number | null;
  passed: boolean | null;
  vetoed: boolean;
  follow_up: OrgAssessmentResult['followUp'];
  finalised_on: string | null;
}): OrgAssessmentResult {
  const scored = r.definition.mode === 'score' && r.total !== null;
  return {
    roundId: r.round_id,
    roundTitle: r.title,
    kind: r.kind,
    year: r.year,
    systemName: r.system_name,
    periodEnd: r.period_end,
    total: scored ? r.total : null,
    scoreOutOf100: scored ? scoreOutOf100({ total: r.total!, maxScore: r.definition.maxScore }) : null,
    stars: r.stars,
    passed: r.passed,
    vetoed: r.vetoed,
    followUp: r.follow_up,
    finalisedOn: r.finalised_on,
  };
}

/** An org's scorecard: its state, score with provenance, judgements, steps, what the caller may do, its trend. */
export function presentOrgDetail(
  r: OrgRow,
  round: {
    id: number;
    title: string;
    period_start: string;
    period_end: string;
    reference_date: string;
    self_due_on: string | null;
    review_due_on: string | null;
    notice_working_days: number;
    system_id: number;
    system_name: string;
    system_kind: OrgAssessmentDetail['system']['kind'];
    system_mode: OrgAssessmentDetail['system']['mode'];
    system_year: number;
  },
  parts: { steps: readonly StepRow[]; abilities: OrgAssessmentAbilities; trend: OrgAssessmentResult[] },
): OrgAssessmentDetail {
  return {
    ...presentOrgItem(r, round.period_end),
    round: {
      id: round.id,
      title: round.title,
      periodStart: round.period_start,
      periodEnd: round.period_end,
      referenceDate: round.reference_date,
      selfDueOn: round.self_due_on,
      reviewDueOn: round.review_due_on,
      noticeWorkingDays: round.notice_working_days,
    },
    system: {
      id: round.system_id,
      name: round.system_name,
      kind: round.system_kind,
      mode: round.system_mode,
      year: round.system_year,
    },
    score: r.score,
    computedAt: r.computed_at ? iso(r.computed_at) : null,
    rectificationIds: r.rectification_ids,
    trend: parts.trend,
    judgements: r.judgements.map((j) => ({ ...j, byName: j.byName ?? null, at: j.at ?? null })),
    adjustments: r.adjustments.map((a) => ({ ...a, byName: a.byName ?? null, at: a.at ?? null })),
    decidedOn: r.decided_on,
    noticeStartOn: r.notice_start_on,
    noticeEndOn: r.notice_end_on,
    history: parts.steps.map(stepOf),
    abilities: parts.abilities,
    version: r.version,
  };
}
