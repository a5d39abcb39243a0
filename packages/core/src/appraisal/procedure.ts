/**
 * 民主评议党员 (member appraisal) of one branch in one year, as a pure state machine (支部条例 第五章; 党员教育管理工作条例
 * 第十八条; RULES.md §2 and the 民主评议党员 line):
 *
 *   self_assessment ─open_peer_review→ peer_review ─open_voting→ voting ─close_voting→ proposal
 *          └──────────────open_voting (no 互评)──────────────┘                                 │
 *                                                                   propose (支委会) ↓
 *                                                       decision ─decide (党员大会)→ completed
 *                                                          └─return_proposal→ proposal
 *
 * 启动 fixes the roll (the branch's full and probationary members on that day); each member writes the 个人自评 on
 * the phone; 党员互评 is a setting of the appraisal; the 民主测评 is a ballot (items: the full members, choices:
 * `appraisalGrades`, voters: everyone on the roll, members away on paper); the 支委会 proposes a grade per full
 * member seeing the tally; the 党员大会 decides, with its record linked.
 */
import { type AppraisalGrade, appraisalGradeLabels } from '../ballots/choices.ts';
import { addDays, addMonths, type IsoDate } from '../dates.ts';

export const appraisalStatuses = [
  'self_assessment',
  'peer_review',
  'voting',
  'proposal',
  'decision',
  'completed',
] as const;
export type AppraisalStatus = (typeof appraisalStatuses)[number];
export const appraisalStatusLabels: Record<AppraisalStatus, string> = {
  self_assessment: '个人自评中',
  peer_review: '党员互评中',
  voting: '民主测评中',
  proposal: '待支委会提出等次',
  decision: '待党员大会决定',
  completed: '已完成',
};

export const appraisalTransitions = [
  'open_peer_review',
  'open_voting',
  'close_voting',
  'propose',
  'return_proposal',
  'decide',
] as const;
export type AppraisalTransition = (typeof appraisalTransitions)[number];
export const appraisalTransitionLabels: Record<AppraisalTransition, string> = {
  open_peer_review: '开始党员互评',
  open_voting: '开始民主测评',
  close_voting: '结束民主测评',
  propose: '支委会提出评定等次',
  return_proposal: '退回支委会重新提出',
  decide: '党员大会决定评定等次',
};

/** The statuses each transition may start from. */
export const appraisalTransitionFrom = {
  open_peer_review: ['self_assessment'],
  open_voting: ['self_assessment', 'peer_review'],
  close_voting: ['voting'],
  propose: ['proposal'],
  return_proposal: ['decision'],
  decide: ['decision'],
} as const satisfies Record<AppraisalTransition, readonly AppraisalStatus[]>;

/** Where an appraisal is and how it was set up. */
export interface AppraisalState {
  status: AppraisalStatus;
  /** 党员互评 is part of this appraisal (a setting chosen at 启动). */
  peerReview: boolean;
}

/** One person on the roll: every full member is graded; 预备党员 take part and get no grade. */
export interface AppraisalRollEntry {
  personId: number;
  name: string;
  probationary: boolean;
}

/** A grade given to one member (by the 支委会's proposal or the 党员大会's decision). */
export interface AppraisalGradeEntry {
  personId: number;
  grade: AppraisalGrade;
  /** Why: required for 不合格. */
  reason?: string | null | undefined;
}

/** A 限期改正 plan as given with a 不合格 decision. */
export interface CorrectionPlanInput {
  personId: number;
  deadline: IsoDate;
  measures: string;
  contactPersonId: number;
}

/** What a transition looks at. */
export interface AppraisalFacts {
  today: IsoDate;
  roll: readonly AppraisalRollEntry[];
  /** The 民主测评 ballot is closed and counted (close_voting checks it after closing it). */
  tallyReady?: boolean | undefined;
  grades?: readonly AppraisalGradeEntry[] | undefined;
  /** The 党员大会 record the decision was taken at (its id, once checked as that branch's). */
  meetingActivityId?: number | null | undefined;
  plans?: readonly CorrectionPlanInput[] | undefined;
  reason?: string | undefined;
}

/** Why a step is refused: `conflict` (HTTP 409) for the wrong status, `field` (HTTP 400) for what is missing or wrong. */
export interface AppraisalViolation {
  kind: 'conflict' | 'field';
  path: string | null;
  message: string;
}

export type AppraisalTransitionResult =
  | { ok: true; state: AppraisalState }
  | { ok: false; violations: AppraisalViolation[] };

const field = (path: string, message: string): AppraisalViolation => ({ kind: 'field', path, message });
const conflict = (message: string): AppraisalViolation => ({ kind: 'conflict', path: null, message });

/** The rule's words on 优秀 (RULES.md: 优秀 generally ≤ 1/3). */
export const excellentQuotaRule = '评为优秀的党员一般不超过参加评议的正式党员人数的三分之一';

/**
 * How many may be graded 优秀: at most one third of those graded (the full members on the roll), rounded down —
 * 1 of 3, 3 of 10, 10 of 31, none of 2.
 */
export function excellentQuota(graded: number): number {
  return Math.floor(Math.max(0, graded) / 3);
}

/** Those graded: the full members on the roll (预备党员 take part, get no grade and are outside the count). */
export function gradedMembers(roll: readonly AppraisalRollEntry[]): AppraisalRollEntry[] {
  return roll.filter((r) => !r.probationary);
}

/**
 * Checks a set of grades against the roll (支委会's proposal or 党员大会's decision): every full member exactly one
 * grade, none for a 预备党员 or anyone off the roll, 不合格 with its reason, 优秀 within one third of those graded.
 */
export function gradeViolations(
  roll: readonly AppraisalRollEntry[],
  grades: readonly AppraisalGradeEntry[],
  path = 'grades',
): AppraisalViolation[] {
  const out: AppraisalViolation[] = [];
  const byId = new Map(roll.map((r) => [r.personId, r]));
  const seen = new Set<number>();
  for (const g of grades) {
    const r = byId.get(g.personId);
    if (!r) {
      out.push(field(path, '评定等次：所列人员不在本次民主评议的参评名单中'));
      continue;
    }
    if (r.probationary) {
      out.push(field(path, `评定等次：${r.name}是预备党员，参加民主评议但不评定等次`));
      continue;
    }
    if (seen.has(g.personId)) {
      out.push(field(path, `评定等次：${r.name}只能评定一个等次`));
      continue;
    }
    seen.add(g.personId);
    if (g.grade === 'unqualified' && !g.reason?.trim())
      out.push(field(path, `评定等次：${r.name}评为不合格，须写明理由`));
  }
  const graded = gradedMembers(roll);
  const missing = graded.filter((r) => !seen.has(r.personId));
  if (missing.length > 0)
    out.push(
      field(
        path,
        `评定等次：每名正式党员须评定一个等次，${missing
          .slice(0, 5)
          .map((m) => m.name)
          .join('、')}${missing.length > 5 ? `等${missing.length}人` : ''}尚未评定`,
      ),
    );
  const excellent = grades.filter(
    (g) => g.grade === 'excellent' && byId.get(g.personId)?.probationary === false,
  );
  const quota = excellentQuota(graded.length);
  if (excellent.length > quota)
    out.push(
      field(
        path,
        `评定等次：${excellentQuotaRule}——本次参评正式党员${graded.length}名，${appraisalGradeLabels.excellent}至多${quota}名，现为${excellent.length}名`,
      ),
    );
  return out;
}

/** The latest a 限期改正 deadline may be: one year from the day it is set (党员教育管理工作条例 第三十条). */
export function latestCorrectionDeadline(from: IsoDate): IsoDate {
  return addMonths(from, 12);
}

/** Checks the 限期改正 plans of a decision: one per 不合格 member, deadline after today and within a year. */
export function planViolations(
  today: IsoDate,
  roll: readonly AppraisalRollEntry[],
  grades: readonly AppraisalGradeEntry[],
  plans: readonly CorrectionPlanInput[],
): AppraisalViolation[] {
  const out: AppraisalViolation[] = [];
  const names = new Map(roll.map((r) => [r.personId, r.name]));
  const unqualified = new Set(grades.filter((g) => g.grade === 'unqualified').map((g) => g.personId));
  const latest = latestCorrectionDeadline(today);
  const planned = new Set<number>();
  for (const p of plans) {
    const name = names.get(p.personId) ?? '';
    if (!unqualified.has(p.personId)) {
      out.push(field('plans', `限期改正：只对评为不合格的党员制定限期改正计划${name ? `（${name}）` : ''}`));
      continue;
    }
    if (planned.has(p.personId)) out.push(field('plans', `限期改正：${name}只能有一项限期改正计划`));
    planned.add(p.personId);
    if (p.deadline <= today) out.push(field('plans', `限期改正：${name}的改正期限须晚于今天`));
    if (p.deadline > latest)
      out.push(
        field(
          'plans',
          `限期改正：${name}的改正期限不超过一年（至 ${latest}）——党员教育管理工作条例第三十条：限期改正期限一般不超过一年`,
        ),
      );
    if (!p.measures.trim()) out.push(field('plans', `限期改正：${name}的改正措施不能为空`));
    if (p.contactPersonId === p.personId)
      out.push(field('plans', `限期改正：${name}的帮教联系人应为其他党员`));
  }
  for (const id of unqualified)
    if (!planned.has(id))
      out.push(
        field(
          'plans',
          `限期改正：${names.get(id) ?? ''}评为不合格，须制定限期改正计划（改正措施、帮教联系人、不超过一年的期限）`,
        ),
      );
  return out;
}

function contentViolations(
  t: AppraisalTransition,
  state: AppraisalState,
  f: AppraisalFacts,
): AppraisalViolation[] {
  switch (t) {
    case 'open_peer_review':
      return state.peerReview ? [] : [conflict('本次民主评议未设党员互评环节')];
    case 'open_voting':
      return state.peerReview && state.status === 'self_assessment'
        ? [conflict('本次民主评议设有党员互评环节：请先开始党员互评')]
        : [];
    case 'close_voting':
      return f.tallyReady ? [] : [conflict('民主测评尚未结束计票：纸质票须经两名计票人录入一致后才能结束')];
    case 'propose':
      return gradeViolations(f.roll, f.grades ?? []);
    case 'return_proposal':
      return f.reason?.trim() ? [] : [field('reason', '理由：退回支委会须说明理由')];
    case 'decide': {
      const out: AppraisalViolation[] = [];
      if (!f.meetingActivityId)
        out.push(
          field('meetingActivityId', '党员大会记录：党员大会决定评定等次，须关联本支部的党员大会记录'),
        );
      const grades = f.grades ?? [];
      out.push(...gradeViolations(f.roll, grades));
      out.push(...planViolations(f.today, f.roll, grades, f.plans ?? []));
      return out;
    }
  }
}

const next: Record<AppraisalTransition, AppraisalStatus> = {
  open_peer_review: 'peer_review',
  open_voting: 'voting',
  close_voting: 'proposal',
  propose: 'decision',
  return_proposal: 'proposal',
  decide: 'completed',
};

/**
 * Applies one step: refuses it from the wrong status (with the appraisal's status in the message) or without what
 * it needs (grades within the rules, the meeting record, the 限期改正 plans); otherwise returns the new state.
 */
export function applyAppraisalTransition(
  state: AppraisalState,
  transition: AppraisalTransition,
  facts: AppraisalFacts,
): AppraisalTransitionResult {
  if (!(appraisalTransitionFrom[transition] as readonly AppraisalStatus[]).includes(state.status))
    return {
      ok: false,
      violations: [
        conflict(
          `该民主评议${appraisalStatusLabels[state.status]}，不能${appraisalTransitionLabels[transition]}`,
        ),
      ],
    };
  const problems = contentViolations(transition, state, facts);
  if (problems.length > 0) return { ok: false, violations: problems };
  return { ok: true, state: { ...state, status: next[transition] } };
}

/** The steps the manager may take now (buttons); the server checks the same through `applyAppraisalTransition`. */
export function allowedAppraisalTransitions(state: AppraisalState): Record<AppraisalTransition, boolean> {
  return Object.fromEntries(
    appraisalTransitions.map((t) => [
      t,
      (appraisalTransitionFrom[t] as readonly AppraisalStatus[]).includes(state.status) &&
        (t !== 'open_peer_review' || state.peerReview) &&
        (t !== 'open_voting' || !(state.peerReview && state.status === 'self_assessment')),
    ]),
  ) as Record<AppraisalTransition, boolean>;
}

/** Members write (or rewrite) the 个人自评 while the appraisal is in 自评 or 互评. */
export function isSelfAssessmentOpen(status: AppraisalStatus): boolean {
  return status === 'self_assessment' || status === 'peer_review';
}

/** The day an appraisal of `year` must be completed by: the year's last day. */
export function appraisalYearEnd(year: number): IsoDate {
  return `${year}-12-31`;
}

/** Voting on a phone lasts this many days by default (the organiser may close it earlier). */
export const appraisalVotingDays = 7;

/** When the 民主测评 ballot closes by default. */
export function defaultVotingClose(today: IsoDate): IsoDate {
  return addDays(today, appraisalVotingDays);
}
