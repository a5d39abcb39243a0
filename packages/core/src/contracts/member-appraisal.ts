/**
 * Requests and answers of 民主评议党员 (member appraisal): the list, the detail (roll, 自评 status, 互评, 民主测评 tally,
 * 支委会 proposal, 党员大会 decision, 限期改正 plans, timeline), the steps, 我的自评 and the plans' progress and outcome.
 */
import { z } from 'zod';
import { correctionPlanStatuses, correctionProposals } from '../appraisal/correction-plan.ts';
import { appraisalStatuses, appraisalTransitions } from '../appraisal/procedure.ts';
import { appraisalGrades } from '../ballots/choices.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** Field limits, shared by the forms and the API. */
export const memberAppraisalLimits = {
  selfAssessment: { min: 10, max: 3000 },
  peerComment: { min: 2, max: 300 },
  reason: { max: 500 },
  measures: { min: 4, max: 2000 },
  note: { min: 2, max: 1000 },
  roll: { max: 500 },
} as const;

/** Chinese names of the request fields, for validation messages. */
export const memberAppraisalFieldLabels = {
  orgId: '党支部',
  year: '评议年度',
  peerReview: '党员互评',
  status: '状态',
  transition: '操作',
  grades: '评定等次',
  plans: '限期改正',
  meetingActivityId: '党员大会记录',
  votingClosesOn: '民主测评截止日期',
  reason: '理由',
  text: '个人自评',
  aboutPersonId: '被评议党员',
  comment: '互评意见',
  note: '改正情况',
  outcome: '结论',
  proposal: '处置建议',
  deadline: '改正期限',
  measures: '改正措施',
  contactPersonId: '帮教联系人',
} as const;

const year = z.coerce.number().int().min(2000).max(2100);
const version = z.int().min(0);

/** GET /api/member-appraisals. */
export const memberAppraisalListQuery = z
  .strictObject({
    /** Appraisals of branches in this subtree (checked against the caller's scope). */
    orgId: idParam.optional(),
    year: year.optional(),
    status: z.enum(appraisalStatuses).optional(),
  })
  .extend(pageQuery.shape);
export type MemberAppraisalListQuery = z.output<typeof memberAppraisalListQuery>;

/** POST /api/member-appraisals: 启动 — the branch, the year, and whether 党员互评 is part of it. */
export const createMemberAppraisalBody = z.strictObject({
  orgId: dbId,
  year: z.int().min(2000).max(2100),
  peerReview: z.boolean().default(false),
});
export type CreateMemberAppraisal = z.output<typeof createMemberAppraisalBody>;

const gradeEntry = z.strictObject({
  personId: dbId,
  grade: z.enum(appraisalGrades),
  reason: text(1, memberAppraisalLimits.reason.max).nullable().optional(),
});

const planEntry = z.strictObject({
  personId: dbId,
  deadline: isoDate,
  measures: text(memberAppraisalLimits.measures.min, memberAppraisalLimits.measures.max),
  contactPersonId: dbId,
});

/**
 * POST /api/member-appraisals/{id}/transitions. `votingClosesOn` with 开始民主测评; `grades` with 支委会提出 and 党员大会决定
 * (every full member once); `meetingActivityId` and, for each 不合格, a plan with 党员大会决定; `reason` with 退回.
 */
export const memberAppraisalTransitionBody = z.strictObject({
  transition: z.enum(appraisalTransitions),
  votingClosesOn: isoDate.optional(),
  grades: z.array(gradeEntry).max(memberAppraisalLimits.roll.max).optional(),
  meetingActivityId: dbId.optional(),
  plans: z.array(planEntry).max(50).optional(),
  reason: text(1, memberAppraisalLimits.reason.max).optional(),
  /** The version read; when sent, a changed appraisal is refused (409) rather than acted on. */
  version: version.optional(),
});
export type MemberAppraisalTransitionBody = z.input<typeof memberAppraisalTransitionBody>;

/** PUT /api/me/member-appraisals/{id}/self-assessment: the member's own 个人自评. */
export const selfAssessmentBody = z.strictObject({
  text: text(memberAppraisalLimits.selfAssessment.min, memberAppraisalLimits.selfAssessment.max),
});

/** POST /api/me/member-appraisals/{id}/peer-comments: a short 互评 comment about another member on the roll. */
export const peerCommentBody = z.strictObject({
  aboutPersonId: dbId,
  comment: text(memberAppraisalLimits.peerComment.min, memberAppraisalLimits.peerComment.max),
});

/** POST /api/correction-plans/{id}/notes: a progress note of a 限期改正 plan. */
export const correctionNoteBody = z.strictObject({
  note: text(memberAppraisalLimits.note.min, memberAppraisalLimits.note.max),
});

/** POST /api/correction-plans/{id}/outcome: the plan's conclusion. */
export const correctionOutcomeBody = z.strictObject({
  outcome: z.enum(['corrected', 'unchanged']),
  note: text(memberAppraisalLimits.note.min, memberAppraisalLimits.note.max),
  proposal: z.enum(correctionProposals).nullable().default(null),
});

const orgRef = z.object({ id: z.number(), name: z.string() });
const gradeCounts = z.partialRecord(z.enum(appraisalGrades), z.number());

/** An appraisal as lists show it. */
export const memberAppraisalItem = z.object({
  id: z.number(),
  org: orgRef,
  year: z.number(),
  status: z.enum(appraisalStatuses),
  peerReview: z.boolean(),
  startedOn: z.string(),
  completedOn: z.string().nullable(),
  /** On the roll: everyone; graded: the full members. */
  rollSize: z.number(),
  graded: z.number(),
  selfAssessed: z.number(),
  /** The decided grades' counts (after completion). */
  decided: gradeCounts.nullable(),
  version: z.number(),
});
export type MemberAppraisalItem = z.infer<typeof memberAppraisalItem>;

export const memberAppraisalPage = z.object({
  items: z.array(memberAppraisalItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** One person on the roll, as the branch's managers see them. */
export const appraisalRollMember = z.object({
  personId: z.number(),
  name: z.string(),
  probationary: z.boolean(),
  selfAssessment: z.string().nullable(),
  selfAssessedAt: z.string().nullable(),
  /** The 民主测评 votes on this member (after the ballot closed); null before, and for 预备党员. */
  votes: z.object({ counts: gradeCounts, abstain: z.number() }).nullable(),
  proposedGrade: z.enum(appraisalGrades).nullable(),
  proposedReason: z.string().nullable(),
  decidedGrade: z.enum(appraisalGrades).nullable(),
  decidedReason: z.string().nullable(),
});
export type AppraisalRollMember = z.infer<typeof appraisalRollMember>;

export const peerComment = z.object({
  id: z.number(),
  authorName: z.string(),
  aboutPersonId: z.number(),
  aboutName: z.string(),
  comment: z.string(),
  at: z.string(),
});

export const correctionNote = z.object({
  onDate: z.string(),
  note: z.string(),
  actorName: z.string().nullable(),
});

/** A 限期改正 plan of a member graded 不合格. */
export const correctionPlan = z.object({
  id: z.number(),
  appraisalId: z.number(),
  year: z.number(),
  org: orgRef,
  personId: z.number(),
  personName: z.string(),
  reason: z.string(),
  openedOn: z.string(),
  deadline: z.string(),
  measures: z.string(),
  contactPersonId: z.number(),
  contactName: z.string(),
  status: z.enum(correctionPlanStatuses),
  overdue: z.boolean(),
  outcomeNote: z.string().nullable(),
  proposal: z.enum(correctionProposals).nullable(),
  closedOn: z.string().nullable(),
  notes: z.array(correctionNote),
  version: z.number(),
});
export type CorrectionPlan = z.infer<typeof correctionPlan>;

export const memberAppraisalEvent = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.enum(appraisalStatuses).nullable(),
  toStatus: z.enum(appraisalStatuses).nullable(),
  note: z.string().nullable(),
});

export const memberAppraisalAbilities = z.object({
  open_peer_review: z.boolean(),
  open_voting: z.boolean(),
  close_voting: z.boolean(),
  propose: z.boolean(),
  return_proposal: z.boolean(),
  decide: z.boolean(),
  /** Follow the 限期改正 plans (notes, outcome). */
  managePlans: z.boolean(),
});

export const memberAppraisalDetail = memberAppraisalItem.extend({
  roll: z.array(appraisalRollMember),
  /** Seen by the 支委会 (the branch's managers) only. */
  peerComments: z.array(peerComment),
  ballot: z
    .object({
      id: z.number(),
      eligible: z.number(),
      cast: z.number(),
      castOnPaper: z.number(),
      closed: z.boolean(),
    })
    .nullable(),
  /** 优秀 at most one third of those graded. */
  excellentMax: z.number(),
  meetingActivity: z.object({ id: z.number(), title: z.string(), onDate: z.string() }).nullable(),
  plans: z.array(correctionPlan),
  events: z.array(memberAppraisalEvent),
  abilities: memberAppraisalAbilities,
});
export type MemberAppraisalDetail = z.infer<typeof memberAppraisalDetail>;

/** 我的自评: the member's own appraisals (their branch's), with what they wrote and, once decided, their grade. */
export const myAppraisal = z.object({
  id: z.number(),
  orgName: z.string(),
  year: z.number(),
  status: z.enum(appraisalStatuses),
  probationary: z.boolean(),
  selfAssessment: z.string().nullable(),
  selfAssessedAt: z.string().nullable(),
  canWrite: z.boolean(),
  /** 互评 is open: the others on the roll the member may comment on. */
  peers: z.array(z.object({ personId: z.number(), name: z.string() })),
  myPeerComments: z.array(z.object({ aboutName: z.string(), comment: z.string() })),
  ballotId: z.number().nullable(),
  decidedGrade: z.enum(appraisalGrades).nullable(),
});
export const myAppraisals = z.object({ items: z.array(myAppraisal) });
export type MyAppraisal = z.infer<typeof myAppraisal>;

/** Per member grade of completed appraisals, for later modules (`appraisalResultsOf`). */
export interface AppraisalResult {
  appraisalId: number;
  orgId: number;
  year: number;
  personId: number;
  grade: (typeof appraisalGrades)[number];
  reason: string | null;
}
