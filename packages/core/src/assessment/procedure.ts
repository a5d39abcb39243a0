/**
 * The procedure of one org within a round (星级评定: 自评 → 总支 → 组织部 → 党委 → 公示, RULES.md §9 [S]), as a
 * pure state machine:
 *
 *   self_assessment ─submit_self→ general_branch_review ─general_branch_approve→ department_review
 *        ↑      (no 总支 above: straight to department_review)  │                       │
 *        └───────────────general_branch_return──────────────────┘   department_return ←┘ (one step back)
 *   department_review ─department_approve→ committee_decision ─record_decision→ public_notice ─finalise→ final
 *                  ↑                              │                                  │
 *                  └──────decision_return─────────┘────────────objection────────────┘
 *
 * The scores are computed when the org enters the round and recomputed from the records until the 组织部
 * approves (`mayRecompute`); each level enters its judgements while the org waits for it (`allowedAssessmentActions`).
 * The 组织部 records the 党委's decision (the 党委 is not a user) with its date, and the 公示 of N working days
 * (default 5; weekends only, see recruitment/public-notice.ts: a notice across a holiday is set longer by hand).
 * Every step keeps who and when in `history`.
 */
import { type IsoDate, isIsoDate } from '../dates.ts';
import { publicNoticeEnd, workingDaysBetween } from '../recruitment/public-notice.ts';
import {
  type AssessmentActor,
  type AssessmentStatus,
  type AssessmentTransition,
  assessmentStatusLabels,
  assessmentTransitionLabels,
  assessmentTransitions,
  type ReviewLevel,
} from './dictionaries.ts';
import { type Eligibility, type QuotaConflict, quotaConflicts, type RatedResult } from './results.ts';
import type { AssessmentScore } from './scoring.ts';
import type { StarQuota } from './system.ts';

/** Who did a step, and when. */
export interface AssessmentStepRecord {
  transition: AssessmentTransition;
  from: AssessmentStatus;
  to: AssessmentStatus;
  /** null: a person without an account (the step keeps the name). */
  byId: number | null;
  byName: string;
  /** The instant, as the server's clock gave it (ISO 8601). */
  at: string;
  reason: string | null;
}

/** Where an org stands in a round. */
export interface OrgAssessmentState {
  status: AssessmentStatus;
  /** The org sits under a 党总支, which reviews it before the 组织部. */
  hasGeneralBranch: boolean;
  /** Not rated (too young): why. */
  notRatedReason: string | null;
  /** Day of the 党委's decision, and the 公示 (set by record_decision; cleared by an objection). */
  decidedOn: IsoDate | null;
  noticeStartOn: IsoDate | null;
  noticeEndOn: IsoDate | null;
  history: AssessmentStepRecord[];
}

/** Who does each transition. */
export const assessmentTransitionActor = {
  submit_self: 'org',
  general_branch_approve: 'general_branch',
  general_branch_return: 'general_branch',
  department_approve: 'department',
  department_return: 'department',
  record_decision: 'department',
  decision_return: 'department',
  objection: 'department',
  finalise: 'department',
} as const satisfies Record<AssessmentTransition, AssessmentActor>;

/** The status each transition starts from. */
export const assessmentTransitionFrom = {
  submit_self: 'self_assessment',
  general_branch_approve: 'general_branch_review',
  general_branch_return: 'general_branch_review',
  department_approve: 'department_review',
  department_return: 'department_review',
  record_decision: 'committee_decision',
  decision_return: 'committee_decision',
  objection: 'public_notice',
  finalise: 'public_notice',
} as const satisfies Record<AssessmentTransition, AssessmentStatus>;

/** Transitions that send the org back and so need a reason. */
const returning: readonly AssessmentTransition[] = [
  'general_branch_return',
  'department_return',
  'decision_return',
  'objection',
];

/** Where a transition leads from a state (the 总支 step is skipped for an org with no 总支 above). */
export function assessmentTransitionTarget(
  t: AssessmentTransition,
  state: Pick<OrgAssessmentState, 'hasGeneralBranch'>,
): AssessmentStatus {
  switch (t) {
    case 'submit_self':
      return state.hasGeneralBranch ? 'general_branch_review' : 'department_review';
    case 'general_branch_approve':
      return 'department_review';
    case 'general_branch_return':
      return 'self_assessment';
    case 'department_return':
      return state.hasGeneralBranch ? 'general_branch_review' : 'self_assessment';
    case 'department_approve':
      return 'committee_decision';
    case 'record_decision':
      return 'public_notice';
    case 'decision_return':
    case 'objection':
      return 'department_review';
    case 'finalise':
      return 'final';
  }
}

/** The state of an org entering a round: 待自评, or 不参评 with the reason when it is not eligible. */
export function initialOrgAssessmentState(
  eligibility: Eligibility,
  hasGeneralBranch: boolean,
): OrgAssessmentState {
  return {
    status: eligibility.eligible ? 'self_assessment' : 'not_rated',
    hasGeneralBranch,
    notRatedReason: eligibility.eligible ? null : eligibility.reason,
    decidedOn: null,
    noticeStartOn: null,
    noticeEndOn: null,
    history: [],
  };
}

/** The stars of the other orgs of the round and the quota rules, for the decision and the final result. */
export interface RoundQuotaFacts {
  quotas: readonly StarQuota[];
  /** Orgs rated in the round (eligible), the quota's base. */
  ratedCount: number;
  /** The other orgs whose result is decided (公示中) or final. */
  decidedOthers: readonly RatedResult[];
  /** This org, with the stars of its score. */
  self: RatedResult;
}

/** What a transition needs besides the state. */
export interface AssessmentTransitionFacts {
  actor: { id: number | null; name: string };
  at: string;
  today: IsoDate;
  reason?: string | undefined;
  /** record_decision: the day of the 党委's decision and the 公示's first day. */
  decidedOn?: IsoDate | undefined;
  noticeStartOn?: IsoDate | undefined;
  /** record_decision: a later last day than N working days (a holiday in between); by default computed. */
  noticeEndOn?: IsoDate | undefined;
  /** The round's 公示 length in working days. */
  noticeWorkingDays: number;
  /** Items still waiting for a judgement: the 自评 and the 组织部's approval need none. */
  pendingItems: readonly string[];
  /** record_decision and finalise check the quotas. */
  quota?: RoundQuotaFacts | undefined;
}

/** Why a transition is refused: `conflict` (409) for the state, `field` (400) for what is missing, `rule` (422). */
export interface AssessmentViolation {
  kind: 'conflict' | 'field' | 'rule';
  path: string | null;
  message: string;
  /** For a quota refusal: the rule and the orgs it names. */
  quota?: QuotaConflict;
}

export type AssessmentTransitionResult =
  | { ok: true; state: OrgAssessmentState }
  | { ok: false; violations: AssessmentViolation[] };

const field = (path: string, message: string): AssessmentViolation => ({ kind: 'field', path, message });

/** The quotas this org's result would break, given the others decided: only conflicts this org is part of. */
function quotaViolations(q: RoundQuotaFacts | undefined): AssessmentViolation[] {
  if (!q) return [];
  return quotaConflicts(
    [...q.decidedOthers.filter((o) => o.orgId !== q.self.orgId), q.self],
    q.quotas,
    q.ratedCount,
  )
    .filter((c) => c.orgs.some((o) => o.orgId === q.self.orgId))
    .map((c) => ({ kind: 'rule', path: null, message: `超出比例限制：${c.message}`, quota: c }));
}

function pendingViolation(pending: readonly string[], what: string): AssessmentViolation[] {
  return pending.length === 0
    ? []
    : [
        {
          kind: 'rule',
          path: null,
          message: `${what}：还有 ${pending.length} 项未评分（${pending.slice(0, 5).join('、')}${pending.length > 5 ? '等' : ''}）`,
        },
      ];
}

function decisionViolations(f: AssessmentTransitionFacts): AssessmentViolation[] {
  const out: AssessmentViolation[] = [];
  if (!f.decidedOn || !isIsoDate(f.decidedOn)) out.push(field('decidedOn', '党委审定日期：请填写'));
  else if (f.decidedOn > f.today) out.push(field('decidedOn', '党委审定日期：不能晚于今天'));
  if (!f.noticeStartOn || !isIsoDate(f.noticeStartOn))
    out.push(field('noticeStartOn', '公示开始日期：请填写'));
  else if (f.decidedOn && f.noticeStartOn < f.decidedOn)
    out.push(field('noticeStartOn', '公示开始日期：不能早于党委审定日期'));
  else if (f.noticeEndOn !== undefined) {
    const shortest = publicNoticeEnd(f.noticeStartOn, f.noticeWorkingDays);
    if (!isIsoDate(f.noticeEndOn) || f.noticeEndOn < shortest)
      out.push(
        field('noticeEndOn', `公示结束日期：公示不少于 ${f.noticeWorkingDays} 个工作日，最早到 ${shortest}`),
      );
  }
  return out;
}

function contentViolations(
  state: OrgAssessmentState,
  t: AssessmentTransition,
  f: AssessmentTransitionFacts,
): AssessmentViolation[] {
  if (returning.includes(t) && !f.reason?.trim())
    return [
      field(
        'reason',
        t === 'objection' ? '理由：请写明公示期间反映的问题' : '退回理由：请写明需要修改的内容',
      ),
    ];
  switch (t) {
    case 'submit_self':
      return pendingViolation(f.pendingItems, '自评未完成');
    case 'department_approve':
      return pendingViolation(f.pendingItems, '评分未完成');
    case 'record_decision': {
      const problems = decisionViolations(f);
      return problems.length > 0 ? problems : quotaViolations(f.quota);
    }
    case 'finalise':
      if (state.noticeEndOn && f.today <= state.noticeEndOn)
        return [
          {
            kind: 'rule',
            path: null,
            message: `公示期未满：公示至 ${state.noticeEndOn}（${workingDaysBetween(state.noticeStartOn ?? state.noticeEndOn, state.noticeEndOn)} 个工作日），期满后才能确定结果`,
          },
        ];
      return quotaViolations(f.quota);
    default:
      return [];
  }
}

/**
 * Applies one transition: refuses it from the wrong status (naming the status) or without what it needs (a
 * reason to send back; every item judged to submit the 自评 or approve at the 组织部; the decision's date and a
 * 公示 of at least N working days; the 公示 over to finalise; the quotas kept); otherwise returns the new state
 * with the step recorded. Who may ask is the caller's check (`allowedAssessmentActions`).
 */
export function applyAssessmentTransition(
  state: OrgAssessmentState,
  t: AssessmentTransition,
  f: AssessmentTransitionFacts,
): AssessmentTransitionResult {
  if (state.status !== assessmentTransitionFrom[t])
    return {
      ok: false,
      violations: [
        {
          kind: 'conflict',
          path: null,
          message: `该党组织的考核${assessmentStatusLabels[state.status]}，不能${assessmentTransitionLabels[t]}`,
        },
      ],
    };
  const problems = contentViolations(state, t, f);
  if (problems.length > 0) return { ok: false, violations: problems };
  const to = assessmentTransitionTarget(t, state);
  const step: AssessmentStepRecord = {
    transition: t,
    from: state.status,
    to,
    byId: f.actor.id,
    byName: f.actor.name,
    at: f.at,
    reason: f.reason?.trim() || null,
  };
  const next: OrgAssessmentState = { ...state, status: to, history: [...state.history, step] };
  if (t === 'record_decision') {
    const start = f.noticeStartOn!;
    next.decidedOn = f.decidedOn!;
    next.noticeStartOn = start;
    next.noticeEndOn = f.noticeEndOn ?? publicNoticeEnd(start, f.noticeWorkingDays);
  }
  if (t === 'objection') {
    next.decidedOn = null;
    next.noticeStartOn = null;
    next.noticeEndOn = null;
  }
  return { ok: true, state: next };
}

/** Which sides an actor is on for one org of a round (from permissions and data scope; the server decides). */
export type AssessmentReach = Record<AssessmentActor, boolean>;

/** The level whose judgements count while the org is in a status, or null when none may be entered. */
export function judgingLevel(status: AssessmentStatus): ReviewLevel | null {
  switch (status) {
    case 'self_assessment':
      return 'self';
    case 'general_branch_review':
      return 'general_branch';
    case 'department_review':
      return 'department';
    default:
      return null;
  }
}

const levelActor = {
  self: 'org',
  general_branch: 'general_branch',
  department: 'department',
} as const satisfies Record<ReviewLevel, AssessmentActor>;

/** True while the computed items still follow the records (until the 组织部 approves; then they are frozen). */
export function mayRecompute(status: AssessmentStatus): boolean {
  return status === 'self_assessment' || status === 'general_branch_review' || status === 'department_review';
}

/**
 * The triggered vetoes of a score that are still provisional (暂定): decided by a figure of the records — not a
 * reviewer's finding nor an override — while the score still follows the records (`mayRecompute`) and the period
 * those records cover had not ended on the day the figure was computed. "全年未召开组织生活会" counted in November
 * can still be met in December; once the period is over, or the 组织部 has approved the score, it stands.
 */
export function provisionalVetoIds(
  score: Pick<AssessmentScore, 'vetoes'> | null,
  at: { status: AssessmentStatus; computedOn: IsoDate | null; periodEnd: IsoDate },
): string[] {
  if (score === null || !mayRecompute(at.status) || at.computedOn === null || at.computedOn > at.periodEnd)
    return [];
  return score.vetoes.filter((v) => v.triggered && v.provenance.kind === 'metric').map((v) => v.id);
}

/** Whether a score's veto result is provisional as a whole: it has a triggered veto and every one is 暂定. */
export function isVetoProvisional(
  score: Pick<AssessmentScore, 'vetoes'> | null,
  provisional: readonly string[],
): boolean {
  const triggered = score?.vetoes.filter((v) => v.triggered) ?? [];
  return triggered.length > 0 && triggered.every((v) => provisional.includes(v.id));
}

/**
 * What the actor may do now: each transition, entering judgements (at which level) and overriding a computed
 * item (a reviewer, at their step). The UI shows buttons from these and the server checks them.
 */
export function allowedAssessmentActions(
  state: Pick<OrgAssessmentState, 'status'>,
  reach: AssessmentReach,
): Record<AssessmentTransition, boolean> & { judge: ReviewLevel | null; adjust: boolean } {
  const actions = Object.fromEntries(
    assessmentTransitions.map((t) => [
      t,
      reach[assessmentTransitionActor[t]] && state.status === assessmentTransitionFrom[t],
    ]),
  ) as Record<AssessmentTransition, boolean>;
  const level = judgingLevel(state.status);
  const judge = level !== null && reach[levelActor[level]] ? level : null;
  return { ...actions, judge, adjust: judge !== null && judge !== 'self' };
}
