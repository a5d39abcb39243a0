/**
 * Requests and answers of 中层干部年度考核: rounds (one a year), the cadres of a round with their 述职 (or their
 * 述职评议 linked), the 测评 tally, the linked 党建 results, grades and the 优秀 quota, and the consequences with
 * each cadre's history.
 */
import { z } from 'zod';
import { cadreReviewGrades } from '../ballots/choices.ts';
import {
  cadreConsequenceKinds,
  cadreReviewStatuses,
  cadreReviewSteps,
  maxExcellentQuotaPercent,
} from '../cadres/review.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** Field limits, shared by the forms and the API. */
export const cadreReviewLimits = {
  title: { min: 2, max: 100 },
  report: { max: 20000 },
  reason: { max: 500 },
  note: { min: 2, max: 500 },
  dimension: { max: 10 },
  dimensions: { max: 10 },
  representatives: { max: 500 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts). */
export const cadreReviewFieldLabels = {
  year: '年度',
  title: '名称',
  reviewOn: '考核基准日',
  rule: '综合评定规则',
  dimensions: '测评项目',
  ballotWeight: '测评权重',
  evaluationWeight: '党委评价权重',
  points: '测评票分值',
  bands: '等次分数线',
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
  lowShare: '基本称职及以下票比例规则',
  atLeastPercent: '票数比例',
  cap: '最高等次',
  excellentQuotaPercent: '优秀比例',
  consequenceRule: '考核结果运用规则',
  basically_competent_twice: '连续两年基本称职',
  voters: '参加测评人员',
  leaders: '校领导',
  cadres: '中层干部',
  representativeIds: '教职工代表',
  step: '操作',
  closesAt: '测评截止时间',
  report: '述职',
  evaluationScore: '党委评价分',
  grade: '评定等次',
  overrideReason: '调整理由',
  kind: '结果运用',
  decidedOn: '决定日期',
  note: '说明',
  cadreId: '干部',
  subjectId: '考核对象',
  version: '版本号',
} as const;

const whole100 = z.int().min(0).max(100);
const consequenceKinds = z.array(z.enum(cadreConsequenceKinds)).max(cadreConsequenceKinds.length);

/** The combination rule (core `CadreReviewRule`); its cross-field checks are core `cadreReviewRuleProblems`. */
export const cadreReviewRuleSchema = z.strictObject({
  dimensions: z.array(text(1, cadreReviewLimits.dimension.max)).min(1).max(cadreReviewLimits.dimensions.max),
  ballotWeight: whole100,
  evaluationWeight: whole100,
  points: z.strictObject({
    excellent: whole100,
    competent: whole100,
    basically_competent: whole100,
    incompetent: whole100,
  }),
  bands: z.strictObject({ excellent: whole100, competent: whole100, basically_competent: whole100 }),
  lowShare: z
    .strictObject({
      atLeastPercent: z.int().min(1).max(100),
      cap: z.enum(['basically_competent', 'incompetent']),
    })
    .nullable(),
  excellentQuotaPercent: z.int().min(0).max(maxExcellentQuotaPercent),
});

/** The consequences rule (core `CadreConsequenceRule`). */
export const cadreConsequenceRuleSchema = z.strictObject({
  basically_competent: consequenceKinds,
  incompetent: consequenceKinds,
  basically_competent_twice: consequenceKinds,
});

/** GET /api/cadre-reviews. */
export const cadreReviewListQuery = z
  .strictObject({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(cadreReviewStatuses).optional(),
  })
  .extend(pageQuery.shape);
export type CadreReviewListQuery = z.output<typeof cadreReviewListQuery>;

/**
 * POST /api/cadre-reviews: the round of a year (one a year), organised by the 党委; the cadres are the roster's on
 * `reviewOn` (default 12-01 of the year); the voters the groups chosen and the representatives named.
 */
export const createCadreReviewBody = z.strictObject({
  year: z.int().min(2000).max(2100),
  title: text(cadreReviewLimits.title.min, cadreReviewLimits.title.max).optional(),
  reviewOn: isoDate.optional(),
  rule: cadreReviewRuleSchema.optional(),
  consequenceRule: cadreConsequenceRuleSchema.optional(),
  voters: z
    .strictObject({
      leaders: z.boolean().default(true),
      cadres: z.boolean().default(true),
      representativeIds: z
        .array(dbId)
        .max(cadreReviewLimits.representatives.max)
        .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' })
        .default([]),
    })
    .default({ leaders: true, cadres: true, representativeIds: [] }),
});
export type CreateCadreReviewBody = z.input<typeof createCadreReviewBody>;
export type CreateCadreReview = z.output<typeof createCadreReviewBody>;

/** POST /api/cadre-reviews/{id}/steps. `closesAt` with 开始民主测评 (default: 7 days later, 23:59 Beijing time). */
export const cadreReviewStepBody = z.strictObject({
  step: z.enum(cadreReviewSteps),
  closesAt: z.iso.datetime({ offset: true }).optional(),
  version: z.int().min(0).optional(),
});
export type CadreReviewStepBody = z.input<typeof cadreReviewStepBody>;

/** Paths of one cadre of a round. */
export const cadreReviewSubjectParams = z.strictObject({ id: idParam, subjectId: idParam });
/** Path of a cadre's history. */
export const cadreReviewHistoryParams = z.strictObject({ cadreId: idParam });

/** PUT …/subjects/{subjectId}/report: the cadre's 述职 as handed in (entered by the 组织部). */
export const cadreReviewReportBody = z.strictObject({
  report: text(1, cadreReviewLimits.report.max),
});

/** PUT …/subjects/{subjectId}/grade: 评定 — the 党委's evaluation score and the grade (an override with its reason). */
export const cadreReviewGradeBody = z.strictObject({
  evaluationScore: whole100.nullable(),
  grade: z.enum(cadreReviewGrades),
  overrideReason: text(1, cadreReviewLimits.reason.max).nullable().default(null),
  version: z.int().min(0).optional(),
});
export type CadreReviewGradeBody = z.input<typeof cadreReviewGradeBody>;

/** POST …/subjects/{subjectId}/consequences: a 黄牌, 红牌 or 调整职务 decided for a published grade. */
export const cadreConsequenceBody = z.strictObject({
  kind: z.enum(cadreConsequenceKinds),
  decidedOn: isoDate,
  note: text(cadreReviewLimits.note.min, cadreReviewLimits.note.max),
});
export type CadreConsequenceBody = z.input<typeof cadreConsequenceBody>;

const gradeEnum = z.enum(cadreReviewGrades);

/** A round as the list shows it. */
export const cadreReviewItem = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  reviewOn: z.string(),
  status: z.enum(cadreReviewStatuses),
  subjects: z.number(),
  graded: z.number(),
  excellent: z.number(),
  /** The most 优秀 the round may give (core cadreExcellentQuota). */
  excellentQuota: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
export type CadreReviewItem = z.infer<typeof cadreReviewItem>;

export const cadreReviewPage = z.object({
  items: z.array(cadreReviewItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const cadreConsequence = z.object({
  id: z.number(),
  kind: z.enum(cadreConsequenceKinds),
  decidedOn: z.string(),
  note: z.string(),
  recordedByName: z.string().nullable(),
  at: z.string(),
});
export type CadreConsequence = z.infer<typeof cadreConsequence>;

/** One cadre of a round. */
export const cadreReviewSubject = z.object({
  id: z.number(),
  cadreId: z.number(),
  name: z.string(),
  /** The posts on the round's day, as one line. */
  posts: z.string(),
  report: z.string().nullable(),
  reportAt: z.string().nullable(),
  /** Their 述职评议 of the year (a party secretary): it stands for the 述职 here. */
  dutyReview: z
    .object({ reviewId: z.number(), title: z.string(), orgName: z.string(), grade: z.string() })
    .nullable(),
  /** The 党建 results of the orgs they were secretary of on the round's day. */
  partyWork: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      assessment: z
        .object({
          roundId: z.number(),
          roundTitle: z.string(),
          scoreOutOf100: z.number().nullable(),
          stars: z.number().nullable(),
          passed: z.boolean().nullable(),
        })
        .nullable(),
      dutyReviewGrade: z.string().nullable(),
    }),
  ),
  ballotId: z.number().nullable(),
  /** The 测评 counts on the cadre, added over the items, once the ballot is closed (null before). */
  votes: z
    .object({
      counts: z.object({
        excellent: z.number(),
        competent: z.number(),
        basically_competent: z.number(),
        incompetent: z.number(),
      }),
      abstain: z.number(),
    })
    .nullable(),
  evaluationScore: z.number().nullable(),
  computed: z
    .object({
      ballotScore: z.number(),
      score: z.number(),
      grade: gradeEnum,
      bandGrade: gradeEnum,
      capped: z.boolean(),
    })
    .nullable(),
  computeNote: z.string().nullable(),
  grade: gradeEnum.nullable(),
  overrideReason: z.string().nullable(),
  /** Their grade of the last published round before this one. */
  previousGrade: gradeEnum.nullable(),
  /** What the published grade calls for (core dueConsequences), and whether it is recorded. */
  dueConsequences: z.array(
    z.object({ kind: z.enum(cadreConsequenceKinds), reason: z.string(), recorded: z.boolean() }),
  ),
  consequences: z.array(cadreConsequence),
  version: z.number(),
});
export type CadreReviewSubject = z.infer<typeof cadreReviewSubject>;

export const cadreReviewAbilities = z.object({
  manage: z.boolean(),
  step: z.enum(cadreReviewSteps).nullable(),
  report: z.boolean(),
  grade: z.boolean(),
  consequences: z.boolean(),
});

export const cadreReviewDetail = cadreReviewItem.extend({
  orgName: z.string(),
  rule: cadreReviewRuleSchema,
  ruleText: z.string(),
  consequenceRule: cadreConsequenceRuleSchema,
  voterGroups: z.object({ leaders: z.boolean(), cadres: z.boolean(), representatives: z.number() }),
  voters: z.number(),
  ballots: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      status: z.string(),
      eligible: z.number(),
      cast: z.number(),
      closesAt: z.string(),
    }),
  ),
  subjects: z.array(cadreReviewSubject),
  abilities: cadreReviewAbilities,
  createdByName: z.string().nullable(),
});
export type CadreReviewDetail = z.infer<typeof cadreReviewDetail>;

/** GET /api/cadre-reviews/cadres/{cadreId}/history: every round's grade and the consequences, the latest first. */
export const cadreReviewHistory = z.object({
  cadreId: z.number(),
  name: z.string(),
  entries: z.array(
    z.object({
      reviewId: z.number(),
      year: z.number(),
      title: z.string(),
      status: z.enum(cadreReviewStatuses),
      posts: z.string(),
      /** Shown once the round is published. */
      grade: gradeEnum.nullable(),
      consequences: z.array(cadreConsequence),
    }),
  ),
});
export type CadreReviewHistory = z.infer<typeof cadreReviewHistory>;
