/**
 * Requests and answers of supervised tasks (督办事项): a decision of a 党委会, 党务工作例会 or 党政联席会 given to a lead unit —
 * the list, the detail with its progress reports and timeline, and the bodies of issuing, editing, transitions
 * and progress reports.
 */
import { z } from 'zod';
import { limits } from '../limits.ts';
import {
  progressReportCadences,
  supervisedTaskStatuses,
  supervisedTaskTransitions,
} from '../rectification/dictionaries.ts';
import { supervisedTaskEventKinds } from '../rectification/supervision.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

/** Field limits of supervised tasks, shared by the form and the API. */
export const supervisedTaskLimits = {
  title: { min: 2, max: 100 },
  content: { max: 2000 },
  result: { max: 2000 },
  reason: { max: 500 },
  progress: { min: 2, max: 1000 },
  assistingOrgs: { max: 10 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const supervisedTaskFieldLabels = {
  activityId: '议定事项的会议记录',
  resolutionId: '决议事项',
  title: '督办事项',
  content: '督办要求',
  leadOrgId: '牵头单位',
  assistingOrgIds: '协办单位',
  deadline: '办结期限',
  cadence: '进展报告',
  result: '办理结果',
  transition: '操作',
  reason: '理由',
  until: '延期至',
  note: '办理进展',
  overdue: '仅看逾期',
  issuerOrgId: '交办单位',
} as const;

const version = z.int().min(0);
const assistingOrgIds = z
  .array(dbId)
  .max(supervisedTaskLimits.assistingOrgs.max)
  .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' });

/** GET /api/supervised-tasks: filters and the page (and the 督办台账 download, without the page). */
export const supervisedTaskListQuery = z
  .strictObject({
    /** Tasks led by an org of this subtree (checked against the caller's scope). */
    leadOrgId: idParam.optional(),
    status: z.enum(supervisedTaskStatuses).optional(),
    /** Only tasks past their deadline and not yet reported done (逾期). */
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Tasks issued from this meeting record. */
    activityId: idParam.optional(),
    /** Text in the title, the requirements or the lead unit's name. */
    q: z.string().trim().max(limits.search.max).optional(),
  })
  .extend(pageQuery.shape);
export type SupervisedTaskListQuery = z.output<typeof supervisedTaskListQuery>;

/**
 * POST /api/supervised-tasks: a decision of a 党委会, 党务工作例会 or 党政联席会 record (and, when it was a resolution, that
 * resolution) given to a lead unit below the org that held the meeting.
 */
export const createSupervisedTaskBody = z.strictObject({
  activityId: dbId,
  resolutionId: dbId.nullable().default(null),
  title: text(supervisedTaskLimits.title.min, supervisedTaskLimits.title.max),
  content: text(1, supervisedTaskLimits.content.max).nullable().default(null),
  leadOrgId: dbId,
  assistingOrgIds: assistingOrgIds.default([]),
  deadline: isoDate,
  cadence: z.enum(progressReportCadences).default('monthly'),
});
export type CreateSupervisedTaskBody = z.input<typeof createSupervisedTaskBody>;
export type CreateSupervisedTask = z.output<typeof createSupervisedTaskBody>;

/**
 * PATCH /api/supervised-tasks/{id}, with the version read: the assigner corrects the task while it waits to be
 * accepted (later the deadline moves only by an extension); the requirements and cadence while it is open.
 */
export const updateSupervisedTaskBody = requireChange(
  z.strictObject({
    title: text(supervisedTaskLimits.title.min, supervisedTaskLimits.title.max).optional(),
    content: text(1, supervisedTaskLimits.content.max).nullable().optional(),
    leadOrgId: dbId.optional(),
    assistingOrgIds: assistingOrgIds.optional(),
    deadline: isoDate.optional(),
    cadence: z.enum(progressReportCadences).optional(),
    version,
  }),
);
export type UpdateSupervisedTaskBody = z.input<typeof updateSupervisedTaskBody>;
export type UpdateSupervisedTask = z.output<typeof updateSupervisedTaskBody>;

/** POST /api/supervised-tasks/{id}/transitions. `result` comes with 报告办结; `until` with 申请延期. */
export const supervisedTaskTransitionBody = z.strictObject({
  transition: z.enum(supervisedTaskTransitions),
  result: text(1, supervisedTaskLimits.result.max).optional(),
  reason: text(1, supervisedTaskLimits.reason.max).optional(),
  until: isoDate.optional(),
  /** The version read; when sent, a changed task is refused (409) rather than acted on. */
  version: version.optional(),
});
export type SupervisedTaskTransitionBody = z.input<typeof supervisedTaskTransitionBody>;

/** POST /api/supervised-tasks/{id}/progress: a progress report of the lead unit. */
export const supervisedTaskProgressBody = z.strictObject({
  note: text(supervisedTaskLimits.progress.min, supervisedTaskLimits.progress.max),
});

const orgRef = z.object({ id: z.number(), name: z.string() });

/** A task as lists show it. */
export const supervisedTaskItem = z.object({
  id: z.number(),
  title: z.string(),
  issuerOrg: orgRef,
  leadOrg: orgRef,
  /** The meeting record the decision was made at. */
  activity: z.object({ id: z.number(), title: z.string(), onDate: z.string(), kindLabel: z.string() }),
  status: z.enum(supervisedTaskStatuses),
  cadence: z.enum(progressReportCadences),
  issuedOn: z.string(),
  deadline: z.string(),
  /** The deadline first set; extensions never change it. */
  originalDeadline: z.string(),
  extensions: z.number(),
  extensionRequest: z.object({ until: z.string(), reason: z.string() }).nullable(),
  overdue: z.boolean(),
  lastReportOn: z.string().nullable(),
  /** The next progress report's day (null: reports only when done, or no longer open). */
  nextReportDue: z.string().nullable(),
  /** A progress report fell due on or before today and was not made. */
  reportMissing: z.boolean(),
  updatedAt: z.string(),
  version: z.number(),
});
export type SupervisedTaskItem = z.infer<typeof supervisedTaskItem>;

export const supervisedTaskPage = z.object({
  items: z.array(supervisedTaskItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

/** One entry of a task's timeline (a progress report is one, of kind `progress`). */
export const supervisedTaskEvent = z.object({
  at: z.string(),
  kind: z.enum(supervisedTaskEventKinds),
  actorName: z.string().nullable(),
  fromStatus: z.enum(supervisedTaskStatuses).nullable(),
  toStatus: z.enum(supervisedTaskStatuses).nullable(),
  note: z.string().nullable(),
  until: z.string().nullable(),
});
export type SupervisedTaskEvent = z.infer<typeof supervisedTaskEvent>;

/** What the caller may do now (core `allowedSupervisedTaskActions`), plus correcting the task. */
export const supervisedTaskAbilities = z.object({
  accept: z.boolean(),
  report_done: z.boolean(),
  confirm_done: z.boolean(),
  return: z.boolean(),
  request_extension: z.boolean(),
  approve_extension: z.boolean(),
  reject_extension: z.boolean(),
  reportProgress: z.boolean(),
  /** Title, requirements, lead and assisting units, deadline, cadence (the assigner, before acceptance). */
  edit: z.boolean(),
});
export type SupervisedTaskAbilities = z.infer<typeof supervisedTaskAbilities>;

export const supervisedTaskDetail = supervisedTaskItem.extend({
  content: z.string().nullable(),
  result: z.string().nullable(),
  resolution: z.object({ id: z.number(), title: z.string() }).nullable(),
  assistingOrgs: z.array(orgRef),
  events: z.array(supervisedTaskEvent),
  abilities: supervisedTaskAbilities,
  createdByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  reportedDoneAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type SupervisedTaskDetail = z.infer<typeof supervisedTaskDetail>;
