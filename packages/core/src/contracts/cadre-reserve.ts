/**
 * 年轻干部储备 (后备干部, issue 18 item 5): candidates (person records) with their reserve level, status (core
 * `applyReserveStep`), development plan items, 挂职 and 轮岗 records, and their 学时 read from the trainings module.
 * Visible to the 组织部 and 校领导 only (cadre:file:view), kept by the 组织部 (cadre:file:manage). Answers carry
 * a candidate's age, never the birth date, ID number or phone.
 */
import { z } from 'zod';
import {
  reserveLevels,
  reservePlanKinds,
  reserveSettingsSchema,
  reserveStatuses,
  reserveSteps,
  secondmentPhaseLabels,
} from '../cadres/reserve.ts';
import { trainingHourSources } from '../training/dictionaries.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

const version = z.number().int().min(0);
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** Path of one plan item of a candidate. */
export const reservePlanItemParams = z.strictObject({ id: idParam, itemId: idParam });

export const createReserveCandidateBody = z.strictObject({
  personId: dbId,
  level: z.enum(reserveLevels, { message: '后备层级：应为正科级或副科级后备' }),
  nominatedOn: isoDate,
  /** 推荐方式, e.g. 民主推荐、组织推荐、个人自荐. */
  nominationSource: text(1, 60),
  note: text(1, 500).nullable().default(null),
});
export type CreateReserveCandidateBody = z.output<typeof createReserveCandidateBody>;

export const updateReserveCandidateBody = requireChange(
  z.strictObject({
    version,
    level: z.enum(reserveLevels, { message: '后备层级：应为正科级或副科级后备' }).optional(),
    nominationSource: text(1, 60).optional(),
    note: text(1, 500).nullable().optional(),
  }),
);
export type UpdateReserveCandidateBody = z.output<typeof updateReserveCandidateBody>;

export const reserveStepBody = z.strictObject({
  version,
  step: z.enum(reserveSteps, { message: '操作：应为入库、开始培养、年度动态调整、提任使用或调出' }),
  on: isoDate,
  /** 提任的职务 (提任使用). */
  post: text(1, 80).optional(),
  /** 调出理由, or the review's 研判意见. */
  reason: text(1, 500).optional(),
});
export type ReserveStepBody = z.output<typeof reserveStepBody>;

export const createReservePlanItemBody = z.strictObject({
  version,
  kind: z.enum(reservePlanKinds, { message: '培养措施：应为学习培训、实践锻炼、轮岗交流或导师帮带' }),
  title: text(1, 120),
  dueOn: isoDate,
  /** 导师 (导师帮带). */
  mentorName: text(1, 40).nullable().default(null),
});
export type CreateReservePlanItemBody = z.output<typeof createReservePlanItemBody>;

export const updateReservePlanItemBody = requireChange(
  z.strictObject({
    version,
    /** The day it was done, or null to reopen it. */
    doneOn: isoDate.nullable().optional(),
    dueOn: isoDate.optional(),
  }),
);
export type UpdateReservePlanItemBody = z.output<typeof updateReservePlanItemBody>;

export const createReserveSecondmentBody = z
  .strictObject({
    version,
    /** 挂职单位 (e.g. a county, a company, a partner school). */
    place: text(1, 80),
    post: text(1, 60),
    fromOn: isoDate,
    toOn: isoDate,
    note: text(1, 300).nullable().default(null),
  })
  .refine((b) => b.toOn > b.fromOn, { message: '挂职结束日期：应晚于开始日期', path: ['toOn'] });
export type CreateReserveSecondmentBody = z.output<typeof createReserveSecondmentBody>;

export const createReserveRotationBody = z.strictObject({
  version,
  fromPost: text(1, 80),
  toUnit: text(1, 60),
  toPost: text(1, 60),
  onDate: isoDate,
  note: text(1, 300).nullable().default(null),
});
export type CreateReserveRotationBody = z.output<typeof createReserveRotationBody>;

export const reserveListQuery = pageQuery
  .extend({
    status: z.enum(reserveStatuses).optional(),
    level: z.enum(reserveLevels).optional(),
    /** Only candidates with a plan item overdue. */
    overdue: bool,
    /** Only candidates over their level's age limit. */
    overAge: bool,
    q: text(1, 40).optional(),
  })
  .strict();
export type ReserveListQuery = z.output<typeof reserveListQuery>;
/** GET /api/cadre-reserve/roster.xlsx: the list's filters, every row. */
export const reserveRosterQuery = reserveListQuery.omit({ page: true, pageSize: true });
export type ReserveRosterQuery = z.output<typeof reserveRosterQuery>;

/** The cadre file of a candidate who is a cadre already: its id and current post titles. */
const cadreLink = z
  .object({ id: z.number(), posts: z.array(z.string()) })
  .nullable()
  .describe('已在干部名册中的，现任职务');

export const reserveCandidateItem = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Completed years today (null without a birth date). */
  age: z.number().nullable(),
  orgName: z.string().nullable(),
  unitName: z.string().nullable(),
  /** 职务/岗位 on the person record. */
  position: z.string().nullable(),
  level: z.enum(reserveLevels),
  status: z.enum(reserveStatuses),
  nominatedOn: z.string(),
  since: z.string(),
  reviewDueOn: z.string().nullable(),
  overAge: z.boolean(),
  overdueItems: z.number(),
  /** 挂职单位 of a 挂职 under way today. */
  secondedTo: z.string().nullable(),
  cadre: cadreLink,
  version: z.number(),
});
export type ReserveCandidateItem = z.infer<typeof reserveCandidateItem>;

export const reserveCandidatePage = z.object({
  items: z.array(reserveCandidateItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
  /** The pool's next review (动态调整) day, the earliest of its candidates'. */
  poolReviewDueOn: z.string().nullable(),
});

export const reservePlanItem = z.object({
  id: z.number(),
  kind: z.enum(reservePlanKinds),
  title: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  mentorName: z.string().nullable(),
  overdue: z.boolean(),
});
export type ReservePlanItem = z.infer<typeof reservePlanItem>;

export const reserveSecondment = z.object({
  id: z.number(),
  place: z.string(),
  post: z.string(),
  fromOn: z.string(),
  toOn: z.string(),
  phase: z.enum(Object.keys(secondmentPhaseLabels) as ['planned', 'current', 'done']),
  note: z.string().nullable(),
});
export type ReserveSecondment = z.infer<typeof reserveSecondment>;

export const reserveRotation = z.object({
  id: z.number(),
  fromPost: z.string(),
  toUnit: z.string(),
  toPost: z.string(),
  onDate: z.string(),
  note: z.string().nullable(),
});
export type ReserveRotation = z.infer<typeof reserveRotation>;

export const reserveEvent = z.object({
  id: z.number(),
  step: z.enum(['nominate', ...reserveSteps]),
  on: z.string(),
  fromStatus: z.enum(reserveStatuses).nullable(),
  toStatus: z.enum(reserveStatuses),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type ReserveEvent = z.infer<typeof reserveEvent>;

const bySource = z.object(
  Object.fromEntries(trainingHourSources.map((s) => [s, z.number()])) as {
    [K in (typeof trainingHourSources)[number]]: z.ZodNumber;
  },
);

export const reserveCandidateDetail = reserveCandidateItem.extend({
  nominationSource: z.string(),
  note: z.string().nullable(),
  /** The age limit of the candidate's level (settings). */
  maxAge: z.number(),
  usedPost: z.string().nullable(),
  endReason: z.string().nullable(),
  planItems: z.array(reservePlanItem),
  secondments: z.array(reserveSecondment),
  rotations: z.array(reserveRotation),
  events: z.array(reserveEvent),
  /** 学时 of this year and of the time in the pool, read from the trainings module (never entered here). */
  trainingHours: z.object({
    year: z.number(),
    yearTotal: z.number(),
    sinceNominated: z.number(),
    bySource,
    items: z.array(
      z.object({
        source: z.enum(trainingHourSources),
        title: z.string(),
        onDate: z.string(),
        hours: z.number(),
        counted: z.boolean(),
      }),
    ),
  }),
  abilities: z.object({
    manage: z.boolean(),
    steps: z.object(
      Object.fromEntries(reserveSteps.map((s) => [s, z.boolean()])) as {
        [K in (typeof reserveSteps)[number]]: z.ZodBoolean;
      },
    ),
  }),
});
export type ReserveCandidateDetail = z.infer<typeof reserveCandidateDetail>;

/** GET|PUT /api/cadre-reserve/settings. */
export const reserveSettingsBody = reserveSettingsSchema.refine(
  (s) => s.secondmentMaxMonths >= s.secondmentMinMonths,
  { message: '挂职最长期限（月）：不能少于最短期限', path: ['secondmentMaxMonths'] },
);

/** The audit log's names of the fields a reserve write records. */
export const reserveFieldLabels = {
  personId: '人员',
  level: '后备层级',
  nominatedOn: '提名日期',
  nominationSource: '推荐方式',
  note: '备注',
  version: '版本',
  step: '操作',
  on: '日期',
  post: '提任职务',
  reason: '理由',
  kind: '培养措施',
  title: '事项',
  dueOn: '完成时限',
  doneOn: '完成日期',
  mentorName: '导师',
  place: '挂职单位',
  fromOn: '开始日期',
  toOn: '结束日期',
  fromPost: '原岗位',
  toUnit: '轮岗单位',
  toPost: '轮岗岗位',
  onDate: '轮岗日期',
  principalMaxAge: '正科级后备干部年龄上限',
  deputyMaxAge: '副科级后备干部年龄上限',
  reviewIntervalMonths: '动态调整间隔（月）',
  reviewReminderDays: '动态调整提前提醒天数',
  secondmentMinMonths: '挂职最短期限（月）',
  secondmentMaxMonths: '挂职最长期限（月）',
} as const;
