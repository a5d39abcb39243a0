/**
 * 中层干部选拔任用 (issue 18 item 2): a procedure from 动议 to 转正 or 免去试任职务 (core `cadres/appointment.ts`), for
 * one person (in the roster or not yet) and one post of a unit. The 组织部 runs it (cadre:file:manage); 校领导 read
 * it (cadre:file:view); anyone else gets the answer of a missing route/record. Answers carry no ID number or phone.
 */
import { z } from 'zod';
import { appointmentStatuses, appointmentSteps, cadreVetoes } from '../cadres/appointment.ts';
import { cadrePostLevels, cadreTracks } from './cadre.ts';
import { dbId, idParam, isoDate, pageQuery, text } from './common.ts';

/** POST /api/cadre-appointments: 动议 — who, to which post of which unit, 正职/副职, 党务/行政/双肩挑, 破格. */
export const createCadreAppointmentBody = z.strictObject({
  personId: dbId,
  unitId: dbId,
  postTitle: text(1, 60),
  level: z.enum(cadrePostLevels, { message: '职级：应为正职或副职' }),
  track: z.enum(cadreTracks, { message: '类别：应为党务、行政或双肩挑' }),
  exceptional: z.boolean().default(false),
  note: text(1, 500).nullable().default(null),
});
export type CreateCadreAppointmentBody = z.output<typeof createCadreAppointmentBody>;

/**
 * POST /api/cadre-appointments/{id}/steps: one step with its facts — the veto results at 考察, the 党委会 record at
 * 决定 (its date is the decision date), the 公示 dates, the 任职文号 at 任职, the reason of 终止/免去试任职务. The version
 * read: a changed appointment is refused (409) rather than acted on.
 */
export const cadreAppointmentStepBody = z.strictObject({
  step: z.enum(appointmentSteps, { message: '步骤：不是选拔任用的步骤' }),
  version: z.int().min(0),
  vetoResults: z.partialRecord(z.enum(cadreVetoes), z.boolean()).optional(),
  meetingId: dbId.optional(),
  noticeStartOn: isoDate.optional(),
  noticeEndOn: isoDate.optional(),
  documentNo: text(1, 60).optional(),
  reason: text(1, 200).optional(),
  note: text(1, 500).optional(),
});
export type CadreAppointmentStepBody = z.output<typeof cadreAppointmentStepBody>;

export const cadreAppointmentListQuery = pageQuery
  .extend({
    status: z.enum(appointmentStatuses).optional(),
    unitId: idParam.optional(),
    level: z.enum(cadrePostLevels).optional(),
    /** Only those with something due (任职 after 公示, 试用期 ending or over). */
    due: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: text(1, 40).optional(),
  })
  .strict();
export type CadreAppointmentListQuery = z.output<typeof cadreAppointmentListQuery>;

export const cadreAppointmentDueKinds = ['appoint', 'probation_ending', 'confirm'] as const;
export const cadreAppointmentDueLabels = {
  appoint: '公示期满待任职',
  probation_ending: '试用期即将期满',
  confirm: '试用期满待转正',
} as const satisfies Record<(typeof cadreAppointmentDueKinds)[number], string>;

export const cadreAppointmentItem = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  /** The person's cadre record, when they are in the roster. */
  cadreId: z.number().nullable(),
  unit: z.object({ id: z.number(), name: z.string() }),
  /** The 党委 that decides (its 党委会 records are the ones a decision links). */
  committee: z.object({ id: z.number(), name: z.string() }),
  postTitle: z.string(),
  level: z.enum(cadrePostLevels),
  track: z.enum(cadreTracks),
  exceptional: z.boolean(),
  status: z.enum(appointmentStatuses),
  motionOn: z.string(),
  decidedOn: z.string().nullable(),
  noticeStartOn: z.string().nullable(),
  noticeEndOn: z.string().nullable(),
  appointedOn: z.string().nullable(),
  probationEndOn: z.string().nullable(),
  documentNo: z.string().nullable(),
  /** The last day to complete the training owed after 提任 (null: met before). */
  trainingDueOn: z.string().nullable(),
  due: z
    .object({ kind: z.enum(cadreAppointmentDueKinds), dueOn: z.string(), overdue: z.boolean() })
    .nullable(),
  version: z.number(),
});
export type CadreAppointmentItem = z.infer<typeof cadreAppointmentItem>;

export const cadreAppointmentPage = z.object({
  items: z.array(cadreAppointmentItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

/** One entry of the procedure's history: the 动议 (`created`) or a step, with its facts in words. */
export const cadreAppointmentEvent = z.object({
  at: z.string(),
  kind: z.enum(['created', ...appointmentSteps]),
  /** The day the step took effect (the 党委会's date at 决定, the notice's first day at 公示). */
  onDate: z.string(),
  fromStatus: z.enum(appointmentStatuses).nullable(),
  toStatus: z.enum(appointmentStatuses),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export type CadreAppointmentEvent = z.infer<typeof cadreAppointmentEvent>;

export const cadreAppointmentDetail = cadreAppointmentItem.extend({
  note: z.string().nullable(),
  orgName: z.string().nullable(),
  /** The 党委会 record the decision was made at. */
  meeting: z.object({ id: z.number(), title: z.string(), onDate: z.string() }).nullable(),
  vetoResults: z.partialRecord(z.enum(cadreVetoes), z.boolean()).nullable(),
  reason: z.string().nullable(),
  events: z.array(cadreAppointmentEvent),
  /** The steps that may be taken now (empty for a reader). */
  allowedSteps: z.array(z.enum(appointmentSteps)),
  /** What keeps the person from the post, each citing its clause; a blocking one refuses 党委讨论决定. */
  eligibility: z.array(z.object({ path: z.string(), message: z.string(), blocking: z.boolean() })),
  training: z.object({
    /** Hours in the year before the decision (or today, before it). */
    hours: z.number(),
    required: z.number(),
    met: z.boolean(),
  }),
  /** The school's settings the steps read: the notice's working days, the vetoes at 考察. */
  noticeWorkingDays: z.number(),
  vetoes: z.array(z.enum(cadreVetoes)),
  canManage: z.boolean(),
});
export type CadreAppointmentDetail = z.infer<typeof cadreAppointmentDetail>;

/** The audit log's names of the fields an appointment write records. */
export const cadreAppointmentFieldLabels = {
  personId: '人员',
  unitId: '单位',
  postTitle: '拟任职务',
  level: '职级',
  track: '类别',
  exceptional: '破格提拔',
  note: '说明',
  step: '步骤',
  version: '版本',
  vetoResults: '考察结论',
  political: '政治素质',
  ethics: '师德师风',
  meetingId: '党委会记录',
  noticeStartOn: '公示开始日期',
  noticeEndOn: '公示结束日期',
  documentNo: '任职文号',
  reason: '理由',
  status: '状态',
  decidedOn: '党委决定日期',
  probationEndOn: '试用期满日期',
  trainingDueOn: '培训完成期限',
} as const;
