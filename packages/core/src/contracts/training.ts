/**
 * Requests and answers of training (培训): courses with their attendance, external training, each person's 学时 with
 * its sources and requirement, a member's own hours, the party-work incentives, and the school's settings.
 */
import { z } from 'zod';
import { limits } from '../limits.ts';
import {
  incentivePosts,
  trainingAttendanceStatuses,
  trainingClasses,
  trainingHourSources,
  trainingTargetGroups,
} from '../training/dictionaries.ts';
import { trainingSettingsSchema } from '../training/settings.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** Field limits of training, shared by the forms and the API. */
export const trainingLimits = {
  title: { min: 2, max: 100 },
  organiser: { min: 2, max: 100 },
  place: { max: 100 },
  content: { max: 2000 },
  note: { max: 200 },
  certificateNo: { min: 3, max: 60 },
  hours: { min: 0.5, max: 400 },
  attendees: { max: 500 },
  certificateBytes: 10 * 1024 * 1024,
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const trainingFieldLabels = {
  orgId: '主办党组织',
  title: '培训名称',
  targetGroup: '培训对象类别',
  startsOn: '开始日期',
  endsOn: '结束日期',
  hours: '学时',
  place: '地点',
  content: '培训内容',
  personIds: '参训人员',
  personId: '人员',
  status: '出勤',
  absentHours: '缺课学时',
  organiser: '举办单位',
  certificateNo: '证书编号',
  year: '年度',
  trainingClass: '人员类别',
  deficit: '仅看学时不足',
  fileName: '文件名',
} as const;

const hours = z
  .number()
  .min(trainingLimits.hours.min, { message: `不能少于 ${trainingLimits.hours.min}` })
  .max(trainingLimits.hours.max, { message: `不能超过 ${trainingLimits.hours.max}` })
  .multipleOf(0.5, { message: '以 0.5 学时为单位' });
const personIds = z
  .array(dbId)
  .max(trainingLimits.attendees.max)
  .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' });
const year = z.coerce.number().int().min(2000).max(2100);
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** GET /api/trainings: courses organised by an org in the caller's scope. */
export const trainingListQuery = z
  .strictObject({
    /** Courses organised by an org of this subtree. */
    orgId: idParam.optional(),
    /** Courses ending in this year. */
    year: year.optional(),
    targetGroup: z.enum(trainingTargetGroups).optional(),
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type TrainingListQuery = z.output<typeof trainingListQuery>;

/** POST /api/trainings: a course (培训班) an org organises, with the people enrolled on it. */
export const createTrainingBody = z
  .strictObject({
    orgId: dbId,
    title: text(trainingLimits.title.min, trainingLimits.title.max),
    targetGroup: z.enum(trainingTargetGroups).nullable().default(null),
    startsOn: isoDate,
    endsOn: isoDate,
    hours,
    place: text(1, trainingLimits.place.max).nullable().default(null),
    content: text(1, trainingLimits.content.max).nullable().default(null),
    personIds: personIds.default([]),
  })
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: '不能早于开始日期' });
export type CreateTrainingBody = z.output<typeof createTrainingBody>;

/** POST /api/trainings/{id}/attendees: more people enrolled. */
export const enrolTrainingBody = z.strictObject({
  personIds: personIds.refine((a) => a.length > 0, '不能为空'),
});

/** POST /api/trainings/{id}/attendance: one person's sign-in (with the hours missed) or absence. */
export const trainingAttendanceBody = z
  .strictObject({
    personId: dbId,
    status: z.enum(['present', 'absent']),
    absentHours: z.number().min(0).max(trainingLimits.hours.max).multipleOf(0.5).default(0),
    note: text(1, trainingLimits.note.max).nullable().default(null),
  })
  .refine((b) => b.status === 'present' || b.absentHours === 0, {
    path: ['absentHours'],
    message: '缺席的不再填写缺课学时',
  });
export type TrainingAttendanceBody = z.output<typeof trainingAttendanceBody>;

export const trainingAttendee = z.object({
  personId: z.number(),
  name: z.string(),
  orgName: z.string().nullable(),
  status: z.enum(trainingAttendanceStatuses),
  absentHours: z.number(),
  /** The hours the course counts for them (0: absent, not signed in, or away longer than 1/7). */
  countedHours: z.number(),
  /** Why the hours do not count, or null. */
  refusal: z.string().nullable(),
  signedInAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const trainingItem = z.object({
  id: z.number(),
  org: z.object({ id: z.number(), name: z.string() }),
  title: z.string(),
  targetGroup: z.enum(trainingTargetGroups).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number(),
  place: z.string().nullable(),
  enrolled: z.number(),
  present: z.number(),
  absent: z.number(),
});
export type TrainingItem = z.infer<typeof trainingItem>;

export const trainingPage = z.object({
  items: z.array(trainingItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const trainingDetail = trainingItem.extend({
  content: z.string().nullable(),
  version: z.number(),
  attendees: z.array(trainingAttendee),
  abilities: z.object({ edit: z.boolean() }),
});
export type TrainingDetail = z.infer<typeof trainingDetail>;

/** POST /api/external-trainings: training taken elsewhere, proven by a certificate number or (then) a file. */
export const createExternalTrainingBody = z
  .strictObject({
    personId: dbId,
    title: text(trainingLimits.title.min, trainingLimits.title.max),
    organiser: text(trainingLimits.organiser.min, trainingLimits.organiser.max),
    startsOn: isoDate,
    endsOn: isoDate,
    hours,
    /** The issuing body's certificate number; without it a certificate file is uploaded afterwards. */
    certificateNo: text(trainingLimits.certificateNo.min, trainingLimits.certificateNo.max)
      .nullable()
      .default(null),
    note: text(1, trainingLimits.note.max).nullable().default(null),
  })
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: '不能早于开始日期' });
export type CreateExternalTrainingBody = z.output<typeof createExternalTrainingBody>;

export const externalTraining = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  title: z.string(),
  organiser: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number(),
  certificateNo: z.string().nullable(),
  fileName: z.string().nullable(),
  /** Counted: proven by the certificate number or the file. */
  proven: z.boolean(),
  note: z.string().nullable(),
});
export type ExternalTraining = z.infer<typeof externalTraining>;

/** GET /api/training-hours: each person's 学时 of a year in the caller's scope, with the requirement. */
export const trainingHoursQuery = z.strictObject({
  year: year.optional(),
  /** People of an org of this subtree. */
  orgId: idParam.optional(),
  trainingClass: z.enum(trainingClasses).optional(),
  /** Only people under their requirement (the year's, or a 县处级 cadre's 5 years). */
  deficit: bool,
  q: z.string().trim().max(limits.search.max).optional(),
  ...pageQuery.shape,
});
/** GET /api/training-hours.xlsx: the same filters, every row. */
export const trainingHoursLedgerQuery = trainingHoursQuery.omit({ page: true, pageSize: true });
export type TrainingHoursQuery = z.output<typeof trainingHoursQuery>;

const bySource = z.object(
  Object.fromEntries(trainingHourSources.map((s) => [s, z.number()])) as {
    [K in (typeof trainingHourSources)[number]]: z.ZodNumber;
  },
);

export const trainingHoursRow = z.object({
  personId: z.number(),
  name: z.string(),
  org: z.object({ id: z.number(), name: z.string() }),
  classes: z.array(z.enum(trainingClasses)),
  total: z.number(),
  bySource,
  /** The binding yearly requirement (null: none), its clause, and what is missing. */
  required: z.number().nullable(),
  requiredClass: z.enum(trainingClasses).nullable(),
  short: z.number(),
  /**
   * A 县处级 cadre's 5-year window (the calendar years `fromYear`–`toYear`, the asked year last): the hours over it
   * from the same sources, the 550 and what is missing. Null for anyone else.
   */
  window: z
    .object({
      fromYear: z.number(),
      toYear: z.number(),
      hours: z.number(),
      required: z.number(),
      short: z.number(),
    })
    .nullable(),
});
export type TrainingHoursRow = z.infer<typeof trainingHoursRow>;

export const trainingHoursPage = z.object({
  year: z.number(),
  items: z.array(trainingHoursRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Cadres are read from the cadre roster once it exists; until then the 干部 classes are not assigned. */
  note: z.string().nullable(),
});

export const trainingHourSourceItem = z.object({
  source: z.enum(trainingHourSources),
  recordId: z.number(),
  title: z.string(),
  onDate: z.string(),
  hours: z.number(),
  organiser: z.string(),
  counted: z.boolean(),
  note: z.string().nullable(),
});

/** One person's year (the 学时 page's row opened, and 我的学时 on the phone): where each hour came from. */
export const personTrainingHours = trainingHoursRow.extend({
  year: z.number(),
  clause: z.object({ source: z.string(), article: z.string(), text: z.string() }).nullable(),
  items: z.array(trainingHourSourceItem),
});
export type PersonTrainingHours = z.infer<typeof personTrainingHours>;

export const personHoursParams = z.strictObject({ personId: idParam });
export const trainingYearQuery = z.strictObject({ year: year.optional() });

/** GET /api/training-incentives: party-work incentives per person per year (for HR). */
export const trainingIncentiveQuery = z.strictObject({
  year: year.optional(),
  orgId: idParam.optional(),
});
export const trainingIncentiveRow = z.object({
  personId: z.number(),
  name: z.string(),
  unitName: z.string().nullable(),
  posts: z.array(z.string()),
  post: z.enum(incentivePosts).nullable(),
  workload: z.number(),
  isDualLeader: z.boolean(),
  teachingReduction: z.number(),
});
export type TrainingIncentiveRow = z.infer<typeof trainingIncentiveRow>;
export const trainingIncentives = z.object({ year: z.number(), items: z.array(trainingIncentiveRow) });

/** POST /api/external-trainings/{id}/certificate: the file's name (the body is the file). */
export const certificateFileQuery = z.strictObject({ fileName: text(1, 120) });

/** GET|PUT /api/training-settings: the conversion of 组织生活 to 学时 and the incentives. */
export const trainingSettingsBody = trainingSettingsSchema;
export const trainingSettingsResponse = trainingSettingsSchema;
