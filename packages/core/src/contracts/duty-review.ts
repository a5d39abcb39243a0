/**
 * Requests and answers of 述职评议 (书记抓基层党建述职评议考核): campaigns, the secretaries reviewed with their 述职报告,
 * evidence pack, 答辩, 点评, 测评 tally and grade, and the bodies of each step.
 */
import { z } from 'zod';
import { assessmentRecordKinds } from '../assessment/dictionaries.ts';
import { dutyReviewGrades } from '../ballots/choices.ts';
import {
  dutyReviewEventKinds,
  dutyReviewLevels,
  dutyReviewStatuses,
  dutyReviewTransitions,
} from '../duty-review/dictionaries.ts';
import { limits } from '../limits.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** Field limits, shared by the forms and the API. */
export const dutyReviewLimits = {
  title: { min: 2, max: 100 },
  report: { min: 50, max: 20000 },
  question: { min: 2, max: 500 },
  answer: { max: 2000 },
  comment: { min: 2, max: 1000 },
  reason: { max: 500 },
  representatives: { max: 500 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts). */
export const dutyReviewFieldLabels = {
  year: '年度',
  orgId: '组织述职评议的党组织',
  level: '述职对象',
  title: '名称',
  startsOn: '开始日期',
  endsOn: '结束日期',
  reportDueOn: '述职报告截止日期',
  rule: '综合评定规则',
  ballotWeight: '测评权重',
  evaluationWeight: '党委评价权重',
  points: '测评票分值',
  bands: '等次分数线',
  good: '好',
  fairly_good: '较好',
  average: '一般',
  poor: '差',
  poorShare: '差票比例规则',
  atLeastPercent: '差票比例',
  cap: '最高等次',
  voters: '参加测评人员',
  committee: '党委（党总支）委员',
  secretaries: '参加述职的书记',
  representativeIds: '党员代表',
  transition: '操作',
  closesAt: '测评截止时间',
  report: '述职报告',
  submit: '提交',
  question: '答辩问题',
  answer: '回答',
  content: '点评意见',
  evaluationScore: '党委（党总支）评价分',
  grade: '评定等次',
  overrideReason: '调整理由',
  deadline: '整改期限',
  status: '状态',
  q: '关键词',
  version: '版本号',
} as const;

const whole100 = z.int().min(0).max(100);

/** The combination rule (core `DutyReviewRule`); its cross-field checks are core `dutyReviewRuleProblems`. */
export const dutyReviewRuleSchema = z.strictObject({
  ballotWeight: whole100,
  evaluationWeight: whole100,
  points: z.strictObject({ good: whole100, fairly_good: whole100, average: whole100, poor: whole100 }),
  bands: z.strictObject({ good: whole100, fairly_good: whole100, average: whole100 }),
  poorShare: z
    .strictObject({ atLeastPercent: z.int().min(1).max(100), cap: z.enum(['average', 'poor']) })
    .nullable(),
});

/** GET /api/duty-reviews: filters and the page. */
export const dutyReviewListQuery = z
  .strictObject({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    /** Campaigns organised by an org of this subtree (checked against the caller's scope). */
    orgId: idParam.optional(),
    status: z.enum(dutyReviewStatuses).optional(),
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type DutyReviewListQuery = z.output<typeof dutyReviewListQuery>;

/**
 * POST /api/duty-reviews: a campaign of the 党委 (its 总支 and 直属支部 secretaries, or every 总支's branch secretaries)
 * or of a 总支 (its branch secretaries). The secretaries are read from the org terms; the voters' roll from the
 * groups chosen and the representatives named. Dates default to 11-01 – 12-31 of the year.
 */
export const createDutyReviewBody = z.strictObject({
  year: z.int().min(2000).max(2100),
  orgId: dbId,
  level: z.enum(dutyReviewLevels),
  title: text(dutyReviewLimits.title.min, dutyReviewLimits.title.max).optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  /** The day the 述职报告 are due (default core `defaultReportDueOn`: 30 days after the start, not after the end). */
  reportDueOn: isoDate.optional(),
  rule: dutyReviewRuleSchema.optional(),
  voters: z
    .strictObject({
      committee: z.boolean().default(true),
      secretaries: z.boolean().default(true),
      representativeIds: z
        .array(dbId)
        .max(dutyReviewLimits.representatives.max)
        .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' })
        .default([]),
    })
    .default({ committee: true, secretaries: true, representativeIds: [] }),
});
export type CreateDutyReviewBody = z.input<typeof createDutyReviewBody>;
export type CreateDutyReview = z.output<typeof createDutyReviewBody>;

/** POST /api/duty-reviews/{id}/transitions. `closesAt` with 开始民主测评 (default: the campaign's last day, 23:59). */
export const dutyReviewTransitionBody = z.strictObject({
  transition: z.enum(dutyReviewTransitions),
  closesAt: z.iso.datetime({ offset: true }).optional(),
  version: z.int().min(0).optional(),
});
export type DutyReviewTransitionBody = z.input<typeof dutyReviewTransitionBody>;

/** Paths of one secretary of a campaign. */
export const dutyReviewSubjectParams = z.strictObject({ id: idParam, subjectId: idParam });

/** PUT /api/duty-reviews/{id}/subjects/{subjectId}/report: the secretary's own 述职报告 (a draft, or submitted). */
export const dutyReviewReportBody = z.strictObject({
  report: text(1, dutyReviewLimits.report.max),
  submit: z.boolean().default(false),
});
export type DutyReviewReportBody = z.input<typeof dutyReviewReportBody>;

/** POST …/questions: a 答辩 question put at the 述职会 and the secretary's answer. */
export const dutyReviewQuestionBody = z.strictObject({
  question: text(dutyReviewLimits.question.min, dutyReviewLimits.question.max),
  answer: text(1, dutyReviewLimits.answer.max).nullable().default(null),
});

/** POST …/comments: a leader's 点评 (its author is the caller). */
export const dutyReviewCommentBody = z.strictObject({
  content: text(dutyReviewLimits.comment.min, dutyReviewLimits.comment.max),
});

/** PUT …/grade: 综合评定 — the 党委's evaluation score, the grade (the computed one or an override with its reason). */
export const dutyReviewGradeBody = z.strictObject({
  evaluationScore: whole100.nullable(),
  grade: z.enum(dutyReviewGrades),
  overrideReason: text(1, dutyReviewLimits.reason.max).nullable().default(null),
  version: z.int().min(0).optional(),
});
export type DutyReviewGradeBody = z.input<typeof dutyReviewGradeBody>;

/** POST /api/duty-reviews/{id}/rectifications: every 点评 becomes a 整改 item of the secretary's org, once. */
export const dutyReviewRectificationsBody = z.strictObject({ deadline: isoDate });

const orgRef = z.object({ id: z.number(), name: z.string() });
const choiceCounts = z.object({
  good: z.number(),
  fairly_good: z.number(),
  average: z.number(),
  poor: z.number(),
});

/** A campaign as lists show it. */
export const dutyReviewItem = z.object({
  id: z.number(),
  title: z.string(),
  year: z.number(),
  org: orgRef,
  level: z.enum(dutyReviewLevels),
  status: z.enum(dutyReviewStatuses),
  startsOn: z.string(),
  endsOn: z.string(),
  reportDueOn: z.string(),
  subjects: z.number(),
  reportsSubmitted: z.number(),
  graded: z.number(),
  ballotId: z.number().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type DutyReviewItem = z.infer<typeof dutyReviewItem>;

export const dutyReviewPage = z.object({
  items: z.array(dutyReviewItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** One figure of the evidence pack, read from the records by the module that owns them, with links to them. */
export const dutyReviewEvidenceFact = z.object({
  key: z.string(),
  label: z.string(),
  value: z.string(),
  detail: z.string(),
  /** The records behind the figure (the web links them as the assessment scorecard does). */
  records: z.array(
    z.object({ kind: z.enum(assessmentRecordKinds), id: z.string(), label: z.string().nullable() }),
  ),
});
export type DutyReviewEvidenceFact = z.infer<typeof dutyReviewEvidenceFact>;

/** One secretary reviewed. */
export const dutyReviewSubject = z.object({
  id: z.number(),
  org: orgRef,
  person: z.object({ id: z.number(), name: z.string() }),
  report: z.string().nullable(),
  reportSubmittedAt: z.string().nullable(),
  /** Only the secretary (and the organisers) see a draft; others see a submitted report. */
  questions: z.array(
    z.object({ id: z.number(), question: z.string(), answer: z.string().nullable(), askedAt: z.string() }),
  ),
  comments: z.array(
    z.object({
      id: z.number(),
      authorName: z.string(),
      content: z.string(),
      at: z.string(),
      rectificationId: z.number().nullable(),
    }),
  ),
  /** The 测评 counts on this secretary once the ballot is closed (null before). */
  votes: z.object({ counts: choiceCounts, abstain: z.number() }).nullable(),
  evaluationScore: z.number().nullable(),
  computed: z
    .object({
      ballotScore: z.number(),
      score: z.number(),
      grade: z.enum(dutyReviewGrades),
      bandGrade: z.enum(dutyReviewGrades),
      capped: z.boolean(),
    })
    .nullable(),
  /** Why nothing was computed (no votes, no evaluation score yet). */
  computeNote: z.string().nullable(),
  grade: z.enum(dutyReviewGrades).nullable(),
  overrideReason: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ writeReport: z.boolean() }),
});
export type DutyReviewSubject = z.infer<typeof dutyReviewSubject>;

export const dutyReviewEvent = z.object({
  at: z.string(),
  kind: z.enum(dutyReviewEventKinds),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

/** What the caller may do with the campaign now. */
export const dutyReviewAbilities = z.object({
  manage: z.boolean(),
  transition: z.enum(dutyReviewTransitions).nullable(),
  record: z.boolean(),
  grade: z.boolean(),
  openRectifications: z.boolean(),
});
export type DutyReviewAbilities = z.infer<typeof dutyReviewAbilities>;

export const dutyReviewDetail = dutyReviewItem.extend({
  rule: dutyReviewRuleSchema,
  ruleText: z.string(),
  voterGroups: z.object({ committee: z.boolean(), secretaries: z.boolean(), representatives: z.number() }),
  voters: z.number(),
  ballot: z
    .object({
      id: z.number(),
      status: z.string(),
      eligible: z.number(),
      cast: z.number(),
      closesAt: z.string().nullable(),
    })
    .nullable(),
  rectifiedAt: z.string().nullable(),
  subjects: z.array(dutyReviewSubject),
  events: z.array(dutyReviewEvent),
  abilities: dutyReviewAbilities,
  createdByName: z.string().nullable(),
});
export type DutyReviewDetail = z.infer<typeof dutyReviewDetail>;

/** GET /api/duty-reviews/{id}/subjects/{subjectId}/evidence: the evidence pack of one secretary's org for the year. */
export const dutyReviewEvidence = z.object({
  subjectId: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  facts: z.array(dutyReviewEvidenceFact),
});
export type DutyReviewEvidence = z.infer<typeof dutyReviewEvidence>;
