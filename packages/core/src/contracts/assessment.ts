/**
 * Requests and answers of assessments (考核): indicator systems (指标体系, versioned by year, frozen once a round
 * uses them), rounds (a system applied to the orgs of a subtree for a period), an org's scorecard with its
 * judgements and overrides, and the procedure's transitions. The system's shape is checked here; what depends
 * on several fields is core's `indicatorSystemProblems`, which `indicatorSystemBody` runs too.
 */
import { z } from 'zod';
import {
  assessedLevels,
  assessmentKinds,
  assessmentRecordKinds,
  assessmentStatuses,
  assessmentTemplateKeys,
  assessmentTransitions,
  followUpBands,
  resultModes,
  reviewLevels,
} from '../assessment/dictionaries.ts';
import { type MetricKey, metricKeys } from '../assessment/metrics.ts';
import {
  hasAtMostTwoDecimals,
  type IndicatorSystemDefinition,
  indicatorSystemProblems,
  maxPoints,
} from '../assessment/system.ts';
import { limits } from '../limits.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

/** Field limits of assessments, shared by the forms and the API. */
export const assessmentLimits = {
  systemName: { min: 2, max: 60 },
  title: { min: 1, max: 80 },
  guidance: { max: 500 },
  description: { max: 1000 },
  dimensions: { max: 12 },
  indicators: { max: 30 },
  vetoes: { max: 20 },
  bands: { max: 10 },
  starBands: { max: 10 },
  quotas: { max: 10 },
  roundTitle: { min: 2, max: 80 },
  comment: { max: 1000 },
  reason: { max: 500 },
  links: { max: 20 },
  judgements: { max: 400 },
  year: { min: 2000, max: 2100 },
  noticeWorkingDays: { min: 5, max: 15 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const assessmentFieldLabels = {
  kind: '考核类型',
  level: '考核对象',
  name: '名称',
  year: '年度',
  description: '说明',
  mode: '结果形式',
  maxScore: '满分',
  bonusCap: '加分上限',
  deductionCap: '扣分上限',
  minPassedPercent: '达标比例',
  dimensions: '一级指标',
  indicators: '二级指标',
  vetoes: '一票否决项',
  id: '编号',
  title: '名称',
  guidance: '评分标准',
  method: '评分方式',
  max: '满分',
  metric: '数据指标',
  bands: '分档',
  min: '下限',
  points: '分值',
  notApplicable: '不适用时',
  pointsPerItem: '每项分值',
  cap: '上限',
  required: '必达项',
  threshold: '达标线',
  stars: '星级',
  score: '分数',
  rating: '评定规则',
  starBands: '星级分档',
  minScore: '最低分',
  quotas: '比例限制',
  minStars: '星级',
  maxPercent: '最高比例',
  minAgeMonths: '参评最短成立月数',
  followUp: '示范 / 整改划分',
  basis: '依据',
  exemplaryFrom: '示范线',
  rectifyBelow: '整改线',
  shortfallPercent: '整改得分率',
  definition: '指标体系',
  source: '创建方式',
  template: '模板',
  systemId: '指标体系',
  periodStart: '考核期开始',
  periodEnd: '考核期结束',
  referenceDate: '考核参照日',
  scopeOrgId: '考核范围',
  noticeWorkingDays: '公示工作日数',
  selfDueOn: '自评截止日期',
  reviewDueOn: '审核截止日期',
  judgements: '评分',
  adjustments: '调整',
  itemId: '指标',
  value: '评分值',
  comment: '说明',
  links: '关联记录',
  reason: '理由',
  transition: '操作',
  decidedOn: '党委审定日期',
  noticeStartOn: '公示开始日期',
  noticeEndOn: '公示结束日期',
  status: '状态',
} as const;

const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, {
  message: '编号：字母或数字开头，可含点、下划线、连字符，最多32个字符',
});
const points = z
  .number()
  .min(0, { message: '不能为负数' })
  .max(maxPoints, { message: `不能超过 ${maxPoints}` })
  .refine(hasAtMostTwoDecimals, { message: '最多两位小数' });
const cap = points.nullable();
const metricValue = z.number().min(0, { message: '不能为负数' }).max(1_000_000);
const metric = z.enum(metricKeys as [MetricKey, ...MetricKey[]], { message: '不在平台提供的数据指标目录中' });
const percent = z.int().min(0).max(100);
const guidance = text(1, assessmentLimits.guidance.max).nullable().default(null);
const title = text(assessmentLimits.title.min, assessmentLimits.title.max);
const notApplicable = z.enum(['full', 'zero']).default('full');

const band = z.strictObject({ min: metricValue, max: metricValue.nullable(), points });

const indicator = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('computed'),
    id: itemId,
    title,
    guidance,
    max: points,
    metric,
    bands: z.array(band).max(assessmentLimits.bands.max),
    notApplicable,
  }),
  z.strictObject({ method: z.literal('judgement'), id: itemId, title, guidance, max: points }),
  z.strictObject({
    method: z.enum(['bonus', 'deduction']),
    id: itemId,
    title,
    guidance,
    pointsPerItem: points,
    cap: points,
    metric: metric.nullable().default(null),
  }),
  z.strictObject({
    method: z.literal('pass_fail'),
    id: itemId,
    title,
    guidance,
    required: z.boolean().default(true),
    metric: metric.nullable().default(null),
    threshold: metricValue.nullable().default(null),
    notApplicable,
  }),
]);

const dimension = z.strictObject({
  id: itemId,
  title,
  max: points,
  bonusCap: cap.default(null),
  deductionCap: cap.default(null),
  indicators: z.array(indicator).max(assessmentLimits.indicators.max),
});

const vetoCap = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('max_stars'), stars: z.int().min(1).max(10) }),
  z.strictObject({ kind: z.literal('max_score'), score: points }),
  z.strictObject({ kind: z.literal('fail') }),
]);

const veto = z.strictObject({
  id: itemId,
  title,
  guidance,
  metric: metric.nullable().default(null),
  threshold: metricValue.nullable().default(null),
  cap: vetoCap,
});

const rating = z.strictObject({
  starBands: z
    .array(z.strictObject({ stars: z.int().min(1).max(10), minScore: points }))
    .max(assessmentLimits.starBands.max)
    .default([]),
  quotas: z
    .array(z.strictObject({ minStars: z.int().min(1).max(10), maxPercent: percent }))
    .max(assessmentLimits.quotas.max)
    .default([]),
  minAgeMonths: z.int().min(0).max(120).nullable().default(null),
  followUp: z.strictObject({
    basis: z.enum(['stars', 'score']),
    exemplaryFrom: points,
    rectifyBelow: points,
    shortfallPercent: percent.default(60),
  }),
});

/** The shape of one year's version of an indicator system (core `IndicatorSystemDefinition`). */
export const indicatorSystemDefinition = z.strictObject({
  kind: z.enum(assessmentKinds),
  level: z.enum(assessedLevels),
  name: text(assessmentLimits.systemName.min, assessmentLimits.systemName.max),
  year: z.int().min(assessmentLimits.year.min).max(assessmentLimits.year.max),
  description: text(1, assessmentLimits.description.max).nullable().default(null),
  mode: z.enum(resultModes),
  maxScore: points,
  bonusCap: cap.default(null),
  deductionCap: cap.default(null),
  minPassedPercent: percent.default(100),
  dimensions: z.array(dimension).max(assessmentLimits.dimensions.max),
  vetoes: z.array(veto).max(assessmentLimits.vetoes.max).default([]),
  rating,
});

// The parsed shape is core's type: a change to one without the other fails the typecheck here.
const parsedIsDefinition = (v: z.output<typeof indicatorSystemDefinition>): IndicatorSystemDefinition => v;
const definitionIsParsed = (v: IndicatorSystemDefinition): z.output<typeof indicatorSystemDefinition> => v;
void parsedIsDefinition;
void definitionIsParsed;

/** A system as a request carries it: the shape, then core's cross-field checks on their paths. */
export const indicatorSystemBody = indicatorSystemDefinition.superRefine((value, ctx) => {
  for (const p of indicatorSystemProblems(value))
    ctx.addIssue({
      code: 'custom',
      message: p.message,
      path: p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    });
});
export type IndicatorSystemBody = z.input<typeof indicatorSystemBody>;

/** GET /api/indicator-systems: filters and the page. */
export const indicatorSystemListQuery = z
  .strictObject({
    kind: z.enum(assessmentKinds).optional(),
    level: z.enum(assessedLevels).optional(),
    year: z.coerce.number().int().min(assessmentLimits.year.min).max(assessmentLimits.year.max).optional(),
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type IndicatorSystemListQuery = z.output<typeof indicatorSystemListQuery>;

const year = z.int().min(assessmentLimits.year.min).max(assessmentLimits.year.max);
const systemName = text(assessmentLimits.systemName.min, assessmentLimits.systemName.max);

/**
 * POST /api/indicator-systems: a new version from a built-in template, as a copy of a version (usually last
 * year's), or as a whole definition.
 */
export const createIndicatorSystemBody = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('template'),
    template: z.enum(assessmentTemplateKeys),
    year,
    name: systemName.optional(),
  }),
  z.strictObject({ source: z.literal('copy'), systemId: dbId, year, name: systemName.optional() }),
  z.strictObject({ source: z.literal('definition'), definition: indicatorSystemBody }),
]);
export type CreateIndicatorSystemBody = z.input<typeof createIndicatorSystemBody>;
export type CreateIndicatorSystem = z.output<typeof createIndicatorSystemBody>;

/**
 * PATCH /api/indicator-systems/{id}, with the version read: a new definition (refused on its fields once a round
 * uses the version, except its name and description: core `indicatorSystemEditProblems`), or only a new name.
 */
export const updateIndicatorSystemBody = requireChange(
  z.strictObject({
    name: systemName.optional(),
    description: text(1, assessmentLimits.description.max).nullable().optional(),
    definition: indicatorSystemBody.optional(),
    version: z.int().min(0),
  }),
);
export type UpdateIndicatorSystemBody = z.input<typeof updateIndicatorSystemBody>;
export type UpdateIndicatorSystem = z.output<typeof updateIndicatorSystemBody>;

/** GET /api/assessments: rounds, by system kind, year and status. */
export const assessmentRoundListQuery = z
  .strictObject({
    kind: z.enum(assessmentKinds).optional(),
    year: z.coerce.number().int().min(assessmentLimits.year.min).max(assessmentLimits.year.max).optional(),
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type AssessmentRoundListQuery = z.output<typeof assessmentRoundListQuery>;

/**
 * POST /api/assessments: a round applies a system to the orgs of its level in a subtree (`scopeOrgId`, the whole
 * college when it is the 党委) for a period; `referenceDate` is the day eligibility and standing facts (open
 * findings, terms) are read on, by default the period's last day.
 */
export const createAssessmentRoundBody = z
  .strictObject({
    systemId: dbId,
    title: text(assessmentLimits.roundTitle.min, assessmentLimits.roundTitle.max),
    periodStart: isoDate,
    periodEnd: isoDate,
    referenceDate: isoDate.optional(),
    scopeOrgId: dbId,
    noticeWorkingDays: z
      .int()
      .min(assessmentLimits.noticeWorkingDays.min)
      .max(assessmentLimits.noticeWorkingDays.max)
      .default(5),
    /** 自评截止: the day the orgs' 自评 is due (a 待办 and an alert before and after it); none: no deadline. */
    selfDueOn: isoDate.nullable().default(null),
    /** 审核截止: the day the 总支's review of its branches is due; not before the 自评's. */
    reviewDueOn: isoDate.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.periodEnd < b.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '考核期结束：不能早于开始日期' });
    if (b.referenceDate !== undefined && b.referenceDate < b.periodStart)
      ctx.addIssue({ code: 'custom', path: ['referenceDate'], message: '考核参照日：不能早于考核期开始' });
    if (b.selfDueOn && b.reviewDueOn && b.reviewDueOn < b.selfDueOn)
      ctx.addIssue({ code: 'custom', path: ['reviewDueOn'], message: '审核截止日期：不能早于自评截止日期' });
  });
export type CreateAssessmentRoundBody = z.input<typeof createAssessmentRoundBody>;
export type CreateAssessmentRound = z.output<typeof createAssessmentRoundBody>;

/**
 * PATCH /api/assessments/{id}: a correction of a round before it is final — its title, its 自评 and 审核 deadlines
 * (null: none) and the 公示's working days (for the decisions still to come). Its system, orgs and period stay.
 */
export const updateAssessmentRoundBody = requireChange(
  z
    .strictObject({
      title: text(assessmentLimits.roundTitle.min, assessmentLimits.roundTitle.max).optional(),
      noticeWorkingDays: z
        .int()
        .min(assessmentLimits.noticeWorkingDays.min)
        .max(assessmentLimits.noticeWorkingDays.max)
        .optional(),
      selfDueOn: isoDate.nullable().optional(),
      reviewDueOn: isoDate.nullable().optional(),
      version: z.int().min(0),
    })
    .superRefine((b, ctx) => {
      if (b.selfDueOn && b.reviewDueOn && b.reviewDueOn < b.selfDueOn)
        ctx.addIssue({ code: 'custom', path: ['reviewDueOn'], message: '不能早于自评截止日期' });
    }),
);
export type UpdateAssessmentRoundBody = z.input<typeof updateAssessmentRoundBody>;
export type UpdateAssessmentRound = z.output<typeof updateAssessmentRoundBody>;

/** A record a figure came from or a reviewer links (checked against the caller's scope by the server). */
export const assessmentRecordRef = z.strictObject({
  kind: z.enum(assessmentRecordKinds),
  id: z.string().trim().min(1).max(120),
  label: z.string().max(200).nullable().default(null),
});

const judgementValue = z.union([points, z.boolean()], { message: '请填写分值、次数或选择是否' });

/**
 * PUT /api/assessments/{id}/orgs/{orgId}: the caller's level's judgements (the level is the one the org waits
 * for: 自评, 总支, 组织部) and, for a reviewer, overrides of computed items with their reasons. The set replaces
 * that level's entries; core `judgementProblems` checks it against the system.
 */
export const orgAssessmentBody = z.strictObject({
  judgements: z
    .array(
      z.strictObject({
        itemId,
        value: judgementValue,
        comment: text(1, assessmentLimits.comment.max).nullable().default(null),
        links: z.array(assessmentRecordRef).max(assessmentLimits.links.max).default([]),
      }),
    )
    .max(assessmentLimits.judgements.max),
  adjustments: z
    .array(
      z.strictObject({
        itemId,
        value: judgementValue,
        reason: text(1, assessmentLimits.reason.max),
      }),
    )
    .max(assessmentLimits.judgements.max)
    .default([]),
  version: z.int().min(0),
});
export type OrgAssessmentBody = z.input<typeof orgAssessmentBody>;
export type OrgAssessmentUpdate = z.output<typeof orgAssessmentBody>;

/** POST /api/assessments/{id}/orgs/{orgId}/transitions. Dates come with 登记党委审定结果并公示. */
export const assessmentTransitionBody = z.strictObject({
  transition: z.enum(assessmentTransitions),
  reason: text(1, assessmentLimits.reason.max).optional(),
  decidedOn: isoDate.optional(),
  noticeStartOn: isoDate.optional(),
  noticeEndOn: isoDate.optional(),
  /** The version read; when sent, a changed assessment is refused (409) rather than acted on. */
  version: z.int().min(0).optional(),
});
export type AssessmentTransitionBody = z.input<typeof assessmentTransitionBody>;

/** Path params of an org in a round. */
export const assessmentOrgParams = z.strictObject({ id: idParam, orgId: idParam });

// Answers.

const recordRefOut = z.object({
  kind: z.enum(assessmentRecordKinds),
  id: z.string(),
  label: z.string().nullable(),
});
const computedSource = z.object({
  metric: z.string(),
  value: z.number().nullable(),
  display: z.string(),
  detail: z.string().nullable(),
  records: z.array(recordRefOut),
  band: z.object({ min: z.number(), max: z.number().nullable(), points: z.number() }).nullable(),
  missing: z.boolean(),
});
const judgementOut = z.object({
  itemId: z.string(),
  level: z.enum(reviewLevels),
  value: z.union([z.number(), z.boolean()]),
  comment: z.string().nullable(),
  links: z.array(recordRefOut),
  byName: z.string().nullable().optional(),
  at: z.string().nullable().optional(),
});
const adjustmentOut = z.object({
  itemId: z.string(),
  level: z.enum(['general_branch', 'department']),
  value: z.union([z.number(), z.boolean()]),
  reason: z.string(),
  byName: z.string().nullable().optional(),
  at: z.string().nullable().optional(),
});
const provenance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('metric'), computed: computedSource, notApplicable: z.boolean() }),
  z.object({
    kind: z.literal('override'),
    computed: computedSource,
    computedValue: z.union([z.number(), z.boolean()]),
    adjustment: adjustmentOut,
  }),
  z.object({
    kind: z.literal('judgement'),
    judgement: judgementOut,
    selfValue: z.union([z.number(), z.boolean()]).nullable(),
  }),
  z.object({ kind: z.literal('pending') }),
  z.object({ kind: z.literal('default') }),
]);

/** One org's score (core `AssessmentScore`): every number with where it came from. */
export const assessmentScore = z.object({
  mode: z.enum(resultModes),
  maxScore: z.number(),
  dimensions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      max: z.number(),
      base: z.number(),
      bonus: z.number(),
      deduction: z.number(),
      bonusCappedBy: z.enum(['dimension', 'system']).nullable(),
      deductionCappedBy: z.enum(['dimension', 'system']).nullable(),
      subtotal: z.number(),
      passed: z.boolean().nullable(),
      indicators: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          method: z.enum(['computed', 'judgement', 'bonus', 'deduction', 'pass_fail']),
          max: z.number(),
          points: z.number(),
          count: z.number().nullable(),
          passed: z.boolean().nullable(),
          required: z.boolean(),
          provenance,
        }),
      ),
    }),
  ),
  vetoes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      triggered: z.boolean(),
      cap: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('max_stars'), stars: z.number() }),
        z.object({ kind: z.literal('max_score'), score: z.number() }),
        z.object({ kind: z.literal('fail') }),
      ]),
      provenance,
    }),
  ),
  scoreBeforeVeto: z.number(),
  total: z.number(),
  starsBeforeVeto: z.number().nullable(),
  stars: z.number().nullable(),
  passed: z.boolean().nullable(),
  passedCount: z.number(),
  passFailCount: z.number(),
  vetoed: z.boolean(),
  pending: z.array(z.string()),
  missingMetrics: z.array(z.string()),
});
export type AssessmentScoreOut = z.infer<typeof assessmentScore>;

/** A system version as lists show it. */
export const indicatorSystemItem = z.object({
  id: z.number(),
  kind: z.enum(assessmentKinds),
  level: z.enum(assessedLevels),
  name: z.string(),
  year: z.number(),
  mode: z.enum(resultModes),
  maxScore: z.number(),
  /** A round uses it: frozen. */
  inUse: z.boolean(),
  updatedAt: z.string(),
  version: z.number(),
});
export type IndicatorSystemItem = z.infer<typeof indicatorSystemItem>;

export const indicatorSystemPage = z.object({
  items: z.array(indicatorSystemItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** A system version with its definition and what the caller may do (core `allowedIndicatorSystemEdits`). */
export const indicatorSystemDetail = indicatorSystemItem.extend({
  definition: indicatorSystemDefinition,
  abilities: z.object({ structure: z.boolean(), texts: z.boolean(), delete: z.boolean() }),
});
export type IndicatorSystemDetail = z.infer<typeof indicatorSystemDetail>;

/** The metric catalogue as the system editor lists it. */
export const assessmentMetricItem = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(['ratio', 'count', 'days']),
  direction: z.enum(['higher_better', 'lower_better']),
  reads: z.string(),
  appliesTo: z.array(z.enum(assessedLevels)),
});

/** One step of an org's procedure: who and when. */
export const assessmentStep = z.object({
  transition: z.enum(assessmentTransitions),
  from: z.enum(assessmentStatuses),
  to: z.enum(assessmentStatuses),
  byId: z.number().nullable(),
  byName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});

/** What the caller may do on an org's assessment now (core `allowedAssessmentActions`). */
export const orgAssessmentAbilities = z.object({
  submit_self: z.boolean(),
  general_branch_approve: z.boolean(),
  general_branch_return: z.boolean(),
  department_approve: z.boolean(),
  department_return: z.boolean(),
  record_decision: z.boolean(),
  decision_return: z.boolean(),
  objection: z.boolean(),
  finalise: z.boolean(),
  judge: z.enum(reviewLevels).nullable(),
  adjust: z.boolean(),
});
export type OrgAssessmentAbilities = z.infer<typeof orgAssessmentAbilities>;

/** An org in a round as the round board lists it. */
export const orgAssessmentItem = z.object({
  orgId: z.number(),
  orgName: z.string(),
  /** The org above (a 总支, or the 党委 for a 直属支部): the star map groups by it. */
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  status: z.enum(assessmentStatuses),
  notRatedReason: z.string().nullable(),
  total: z.number().nullable(),
  /** The total as a share of 100 (core `scoreOutOf100`); null in a pass/fail system or when not rated. */
  scoreOutOf100: z.number().nullable(),
  stars: z.number().nullable(),
  passed: z.boolean().nullable(),
  vetoed: z.boolean(),
  /**
   * The triggered vetoes still provisional (暂定, core `provisionalVetoIds`): decided by records of a period not yet
   * ended; empty when none is.
   */
  provisionalVetoes: z.array(z.string()),
  /** The veto result is provisional as a whole (every triggered veto is, core `isVetoProvisional`). */
  vetoProvisional: z.boolean(),
  followUp: z.enum(followUpBands).nullable(),
  pendingCount: z.number(),
  updatedAt: z.string(),
});
export type OrgAssessmentItem = z.infer<typeof orgAssessmentItem>;

/** One final result of an org (its results by year, for the trend and for later modules). */
export const orgAssessmentResult = z.object({
  roundId: z.number(),
  roundTitle: z.string(),
  kind: z.enum(assessmentKinds),
  year: z.number(),
  systemName: z.string(),
  periodEnd: z.string(),
  total: z.number().nullable(),
  scoreOutOf100: z.number().nullable(),
  stars: z.number().nullable(),
  passed: z.boolean().nullable(),
  vetoed: z.boolean(),
  followUp: z.enum(followUpBands).nullable(),
  finalisedOn: z.string().nullable(),
});
export type OrgAssessmentResult = z.infer<typeof orgAssessmentResult>;

/** GET /api/orgs/{id}/assessments: an org's final results, the latest year first. */
export const orgAssessmentResults = z.object({
  orgId: z.number(),
  orgName: z.string(),
  results: z.array(orgAssessmentResult),
});
export type OrgAssessmentResults = z.infer<typeof orgAssessmentResults>;

/** An org's scorecard: its state, score, judgements and overrides by level, steps and abilities. */
export const orgAssessmentDetail = orgAssessmentItem.extend({
  round: z.object({
    id: z.number(),
    title: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    referenceDate: z.string(),
    selfDueOn: z.string().nullable(),
    reviewDueOn: z.string().nullable(),
    noticeWorkingDays: z.number(),
  }),
  system: z.object({
    id: z.number(),
    name: z.string(),
    kind: z.enum(assessmentKinds),
    mode: z.enum(resultModes),
    year: z.number(),
  }),
  score: assessmentScore.nullable(),
  /** When the facts and the score were last computed from the records (they follow them until the 组织部 approves). */
  computedAt: z.string().nullable(),
  /** The rectification items a 整改 result opened. */
  rectificationIds: z.array(z.number()),
  /** The org's earlier final results, the latest year first (the trend). */
  trend: z.array(orgAssessmentResult),
  judgements: z.array(judgementOut),
  adjustments: z.array(adjustmentOut),
  decidedOn: z.string().nullable(),
  noticeStartOn: z.string().nullable(),
  noticeEndOn: z.string().nullable(),
  history: z.array(assessmentStep),
  abilities: orgAssessmentAbilities,
  version: z.number(),
});
export type OrgAssessmentDetail = z.infer<typeof orgAssessmentDetail>;

/** A round as lists show it, with its progress by status. */
export const assessmentRoundItem = z.object({
  id: z.number(),
  title: z.string(),
  system: z.object({ id: z.number(), name: z.string(), kind: z.enum(assessmentKinds), year: z.number() }),
  scopeOrg: z.object({ id: z.number(), name: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  referenceDate: z.string(),
  noticeWorkingDays: z.number(),
  selfDueOn: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  /** How many orgs are at each status (statuses with none left out). */
  progress: z.partialRecord(z.enum(assessmentStatuses), z.number()),
  createdAt: z.string(),
  /** For PATCH /api/assessments/{id}. */
  version: z.number(),
});
export type AssessmentRoundItem = z.infer<typeof assessmentRoundItem>;

export const assessmentRoundPage = z.object({
  items: z.array(assessmentRoundItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** A round with its orgs (the round board): those in the caller's scope, and what the caller may do. */
export const assessmentRoundDetail = assessmentRoundItem.extend({
  orgs: z.array(orgAssessmentItem),
  /** edit: the caller may correct the title and deadlines (the 组织部, while an org of the round is not final). */
  abilities: z.object({ edit: z.boolean() }),
  system: assessmentRoundItem.shape.system.extend({
    mode: z.enum(resultModes),
    level: z.enum(assessedLevels),
    maxScore: z.number(),
  }),
});
export type AssessmentRoundDetail = z.infer<typeof assessmentRoundDetail>;

/** A built-in template as GET /api/indicator-systems/templates lists it (its definition is core's). */
export const assessmentTemplateItem = z.object({
  key: z.enum(assessmentTemplateKeys),
  label: z.string(),
  kind: z.enum(assessmentKinds),
  level: z.enum(assessedLevels),
  mode: z.enum(resultModes),
  maxScore: z.number(),
  description: z.string().nullable(),
});
export type AssessmentTemplateItem = z.infer<typeof assessmentTemplateItem>;
